/**
 * The report's only script: sorting the grid's rows by a clicked column header (again: the other way).
 * Numbers compare as numbers, names as text; ties keep the previous order (Array.prototype.sort is
 * stable). Plain ES2015 so any browser a TA has runs it; no data leaves the page.
 */
export const SORT_SCRIPT = `
(function () {
  var table = document.getElementById('grid');
  if (!table) return;
  var heads = table.tHead.rows[0].cells;
  var body = table.tBodies[0];
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var kind = button.getAttribute('data-kind');
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-v'), y = b.cells[col].getAttribute('data-v');
        var d = kind === 'num' ? Number(x) - Number(y) : x.localeCompare(y, undefined, { numeric: true });
        return asc ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
`;
