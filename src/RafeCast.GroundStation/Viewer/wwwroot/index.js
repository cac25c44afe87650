// Keeps the live-stream list on / fresh. The first list comes rendered in the HTML.
'use strict';
(() => {
  const body = document.querySelector('#streams tbody');
  let domeNames = new Map();

  const text = (tag, value, cls) => {
    const cell = document.createElement(tag);
    if (cls) cell.className = cls;
    cell.textContent = value;
    return cell;
  };

  const ago = iso => {
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (seconds < 90) return `${seconds} s ago`;
    if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
    return `${Math.round(seconds / 3600)} h ago`;
  };

  function render(streams) {
    const rows = [];
    for (const s of streams) {
      const row = document.createElement('tr');
      row.dataset.stream = s.id;
      const link = document.createElement('a');
      link.href = `/watch/${encodeURIComponent(s.id)}`;
      link.textContent = s.id;
      const first = document.createElement('td');
      first.append(link);
      const since = document.createElement('td');
      since.className = 'since';
      const time = document.createElement('time');
      time.dateTime = s.since;
      time.textContent = `${new Date(s.since).toLocaleTimeString()} (${ago(s.since)})`;
      since.append(time);
      const domes = (s.domes || []).map(d => domeNames.get(d) || d);
      row.append(first, text('td', s.vehicle || 'unknown', 'vehicle'), text('td', s.pilot || '—', 'pilot'), since,
        text('td', domes.length ? domes.join(', ') : 'outside', 'dome'));
      rows.push(row);
    }
    if (rows.length === 0) {
      const row = document.createElement('tr');
      row.className = 'empty';
      const cell = text('td', 'No live streams right now. They appear here as soon as a vehicle\u2019s camera sends video.');
      cell.colSpan = 5;
      row.append(cell);
      rows.push(row);
    }
    body.replaceChildren(...rows);
  }

  async function refresh() {
    try {
      const response = await fetch('/api/streams?live=true', { cache: 'no-store' });
      if (response.ok) render(await response.json());
    } catch {
      // The station may be restarting; the next round tries again.
    }
  }

  fetch('/api/domes').then(r => (r.ok ? r.json() : null)).then(geo => {
    if (geo) domeNames = new Map(geo.features.map(f => [f.properties.id, f.properties.name || f.properties.id]));
  }).catch(() => {});
  setInterval(refresh, 3000);
})();
