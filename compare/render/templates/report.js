(function () {
  'use strict';
  var statuses = [];  // the statuses shown; empty: all
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.item'));
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');

  function detailsRow(row) {
    var next = row.nextElementSibling;
    return next && next.classList.contains('sources') ? next : null;
  }

  function matches(row, words) {
    var d = row.dataset;
    var hay = [d.status, d.oldId, d.old, d.newId, d.new, d.changes].join(' ').toLowerCase();
    return words.every(function (w) { return hay.indexOf(w) !== -1; });
  }

  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean), count = 0;
    rows.forEach(function (row) {
      row.hidden = (statuses.length > 0 && statuses.indexOf(row.dataset.status) === -1) || !matches(row, words);
      var extra = detailsRow(row);
      if (extra) { extra.hidden = row.hidden; }
      if (!row.hidden) { count += 1; }
    });
    document.querySelectorAll('.filters button[data-filter]').forEach(function (b) {
      var want = b.dataset.filter;
      b.setAttribute('aria-pressed', String(want === 'all' ? statuses.length === 0 : statuses.indexOf(want) !== -1));
    });
    shown.textContent = count + ' of ' + rows.length + ' shown';
    document.querySelectorAll('section').forEach(function (section) {
      section.hidden = !section.querySelector('tr.item:not([hidden])');
    });
  }

  // A click shows one status; shift-, ctrl- or cmd-click adds or removes it; "All" shows every one.
  document.querySelectorAll('.filters button[data-filter]').forEach(function (button) {
    button.addEventListener('click', function (event) {
      var want = button.dataset.filter, at = statuses.indexOf(want);
      if (want === 'all') {
        statuses = [];
      } else if (event.shiftKey || event.ctrlKey || event.metaKey) {
        if (at === -1) { statuses.push(want); } else { statuses.splice(at, 1); }
      } else {
        statuses = [want];
      }
      apply();
    });
  });
  search.addEventListener('input', apply);

  // Sorting: by the cells' data-sort values, ascending, then descending on a second click.
  document.querySelectorAll('table.items th button.sort').forEach(function (button) {
    button.addEventListener('click', function () {
      var table = button.closest('table'), th = button.parentNode, column = Number(button.dataset.column);
      var descending = th.getAttribute('aria-sort') === 'ascending';
      var numeric = button.dataset.kind === 'number';
      var body = table.tBodies[0];
      var groups = Array.prototype.slice.call(body.querySelectorAll('tr.item')).map(function (row, i) {
        var value = row.cells[column].dataset.sort;
        return { row: row, extra: detailsRow(row), key: numeric ? Number(value) : value.toLowerCase(), i: i };
      });
      groups.sort(function (a, b) {
        var order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
        return (descending ? -order : order) || a.i - b.i;
      });
      groups.forEach(function (g) {
        body.appendChild(g.row);
        if (g.extra) { body.appendChild(g.extra); }
      });
      table.querySelectorAll('th').forEach(function (other) { other.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    });
  });

  // The source sentences of a demand, below its row.
  document.querySelectorAll('button.toggle').forEach(function (button) {
    button.addEventListener('click', function () {
      var extra = document.getElementById(button.getAttribute('aria-controls'));
      var open = extra.classList.toggle('collapsed') === false;
      button.setAttribute('aria-expanded', String(open));
    });
  });

  // Export: the rows shown, in the order shown, as a file made here (nothing is sent anywhere).
  var FIELDS = ['status', 'old_id', 'old_demand', 'new_id', 'new_demand', 'what_changed', 'score'];
  function records() {
    return rows.filter(function (row) { return !row.hidden; }).sort(function (a, b) {
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    }).map(function (row) {
      var d = row.dataset;
      return [d.status, d.oldId, d.old, d.newId, d.new, d.changes, d.score];
    });
  }
  function csvCell(value) {
    if (/^[=+\-@\t\r\n]/.test(value)) value = "'" + value;  // a spreadsheet would run it (OWASP), as in --format csv
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }
  function download(name, type, text) {
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  document.querySelectorAll('button[data-export]').forEach(function (button) {
    button.addEventListener('click', function () {
      var data = records();
      if (button.dataset.export === 'csv') {
        var lines = [FIELDS].concat(data).map(function (r) { return r.map(csvCell).join(','); });
        download('demanddiff.csv', 'text/csv', lines.join('\n') + '\n');
      } else {
        var objects = data.map(function (r) {
          var o = {};
          FIELDS.forEach(function (f, i) { o[f] = r[i]; });
          return o;
        });
        download('demanddiff.json', 'application/json', JSON.stringify(objects, null, 2) + '\n');
      }
    });
  });

  // Printed, every demand's sources are written out.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('tr.sources').forEach(function (extra) { extra.classList.remove('collapsed'); });
  });
  apply();
}());
