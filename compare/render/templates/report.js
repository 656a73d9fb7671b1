document.querySelectorAll('.filters button').forEach(function (button) {
  button.addEventListener('click', function () {
    var want = button.dataset.filter, shown = 0, rows = document.querySelectorAll('tr.item');
    document.querySelectorAll('.filters button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b === button));
    });
    rows.forEach(function (row) {
      row.hidden = want !== 'all' && row.dataset.status !== want;
      if (!row.hidden) { shown += 1; }
    });
    document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' shown';
    document.querySelectorAll('section').forEach(function (section) {
      section.hidden = !section.querySelector('tr.item:not([hidden])');
    });
  });
});
