// Review mode: per row accept / set status / unlink; "Download decisions" writes the decisions
// file (the gold-case format `--decisions` reads) in the page itself: no server, no network.
(function () {
  var data = JSON.parse(document.getElementById('review-data').textContent);
  var links = data.decisions.links.slice(), dropped = data.decisions.dropped.slice(),
    added = data.decisions.added.slice(), answered = 0;

  function without(list, drop) { return list.filter(function (x) { return drop.indexOf(x) < 0; }); }
  function union(a, b) { return a.concat(b.filter(function (x) { return a.indexOf(x) < 0; })); }

  // The same edit as Decisions.decide: new verdicts on these statements replace the old ones.
  function decide(olds, news, fresh) {
    fresh.forEach(function (l) { olds = union(olds, [l[0]]); news = union(news, [l[1]]); });
    var kept = links.filter(function (l) { return olds.indexOf(l[0]) < 0 && news.indexOf(l[1]) < 0; });
    var linkedOld = fresh.map(function (l) { return l[0]; }), linkedNew = fresh.map(function (l) { return l[1]; });
    links = kept.concat(fresh);
    dropped = union(without(dropped, olds), without(olds, linkedOld));
    added = union(without(added, news), without(news, linkedNew));
  }

  // The same answer as compare.review.answer for accept, a status, or unlink.
  function answer(item, action) {
    var paired = item.old !== null && item.new !== null, fresh = [];
    var olds = [], news = [];
    item.group.forEach(function (m) {
      if (m[0] !== null && olds.indexOf(m[0]) < 0) { olds.push(m[0]); }
      if (m[1] !== null && news.indexOf(m[1]) < 0) { news.push(m[1]); }
      var self = m[0] === item.old && m[1] === item.new;
      if (paired && !(self && action === 'unlink')) {
        fresh.push([m[0], m[1], self && action !== 'accept' && action !== 'unlink' ? action : m[2], m[3]]);
      }
    });
    if (fresh.length === 1) { fresh[0] = [fresh[0][0], fresh[0][1], fresh[0][2], null]; }
    decide(olds, news, fresh);
  }

  function q(text) { return JSON.stringify(String(text)); }
  function position(p) {
    var out = '';
    ['party', 'date', 'round', 'source'].forEach(function (k) { if (p[k]) { out += '  ' + k + ': ' + q(p[k]) + '\n'; } });
    return out + '  demands:\n' + p.demands.map(function (d) {
      return '  - {id: ' + q(d.id) + ', text: ' + q(d.text) + '}\n';
    }).join('');
  }
  function yaml() {
    var at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    return '# demanddiff decisions, written by the report\'s review mode (a gold case format file).\n' +
      'case: ' + q(data.case) + '\ndecided_by: "analyst (report)"\ndecided_at: ' + q(at) + '\n' +
      'old:\n' + position(data.old) + 'new:\n' + position(data.new) + 'links:' +
      (links.length ? '\n' + links.map(function (l) {
        return '- {old: ' + q(l[0]) + ', new: ' + q(l[1]) + ', status: ' + q(l[2]) +
          (l[3] ? ', relation: ' + q(l[3]) : '') + '}\n';
      }).join('') : ' []\n') +
      'dropped: [' + dropped.map(q).join(', ') + ']\nadded: [' + added.map(q).join(', ') + ']\n';
  }

  document.querySelectorAll('tr.item [data-action]').forEach(function (button) {
    button.addEventListener('click', function () {
      var row = button.closest('tr.item'), item = data.items[Number(row.dataset.item)];
      answer(item, button.dataset.action);
      answered += 1;
      row.classList.add('reviewed');
      row.querySelector('.decided').textContent = button.dataset.action === 'accept' ? 'accepted' :
        button.dataset.action === 'unlink' ? 'unlinked' : 'set to ' + button.dataset.action;
      document.getElementById('review-count').textContent = answered + ' answered in this page';
    });
  });
  document.getElementById('download-decisions').addEventListener('click', function () {
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([yaml()], { type: 'application/x-yaml' }));
    link.download = data.file;
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
}());
