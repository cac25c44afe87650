// The watch page: live HLS with hls.js (served by the station, never a CDN), the dome map with the
// drone's live position and track (Server-Sent Events from /api/live/events), and the crossings
// timeline (from the event feed and from the playlist's EXT-X-DATERANGE cues).
'use strict';
(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const CROSSING_CLASS = 'com.rafecast.dome-crossing';
  const MAX_TRACK = 2000;
  const MAX_CROSSINGS = 500;
  const $ = id => document.getElementById(id);
  const streamId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');

  // Everything the page knows; also what tests and curious people can read from the console.
  const state = {
    streamId,
    vehicle: null,
    stream: null,
    source: null,
    token: null,
    hls: null,
    domes: [],
    vehicles: new Map(),
    crossings: new Map(),
    bounds: null,
    projection: null,
    tiles: null,
    events: 0,
  };
  window.rafecastViewer = state;

  // ---------------------------------------------------------------- small helpers
  const el = (name, attrs = {}, parent = null) => {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (parent) parent.append(node);
    return node;
  };
  const setStatus = (text, isError = false) => {
    const status = $('status');
    status.textContent = text;
    status.classList.toggle('error', isError);
  };
  const clock = iso => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const domeName = id => (state.domes.find(d => d.id === id) || { name: id }).name;
  const unquote = v => (typeof v === 'string' && v.length > 1 && v[0] === '"' && v.endsWith('"') ? v.slice(1, -1) : v);

  // ---------------------------------------------------------------- stream facts
  function showStream(stream) {
    state.stream = stream;
    if (stream.vehicle) state.vehicle = stream.vehicle;
    $('fact-vehicle').textContent = state.vehicle || '—';
    $('fact-pilot').textContent = stream.pilot || '—';
    $('fact-since').textContent = stream.since ? clock(stream.since) : '—';
    $('fact-latency').textContent = stream.publishLatencyMs != null ? `${Math.round(stream.publishLatencyMs)} ms` : '—';
    const badge = $('live-badge');
    badge.textContent = stream.live ? 'LIVE' : 'idle';
    badge.classList.toggle('live', !!stream.live);
    showDomes();
  }

  function currentDomes() {
    const v = state.vehicles.get(state.vehicle);
    return v ? [...v.domes] : (state.stream?.domes || []);
  }

  function showDomes() {
    const domes = currentDomes();
    $('fact-dome').textContent = domes.length ? domes.map(domeName).join(', ') : 'outside';
    for (const path of document.querySelectorAll('#layer-domes .dome')) {
      path.classList.toggle('current', domes.includes(path.dataset.dome));
    }
  }

  // ---------------------------------------------------------------- player
  // A relative segment URI does not inherit the playlist's query (RFC 3986 §5.2.2), so the SAS token is
  // added to every request to the playlist's origin here, not once to the master URL.
  function withToken(url) {
    if (!state.token || !state.source) return url;
    const master = new URL(state.source.master, location.href);
    const target = new URL(url, master);
    if (target.origin !== master.origin) return url;
    const params = new URLSearchParams(target.search);
    for (const [k, v] of new URLSearchParams(state.token)) params.set(k, v);
    target.search = params.toString();
    return target.toString();
  }

  function rungLabel(level, index) {
    if (level.height) return `${level.height}p`;
    if (level.name) return level.name;
    if (level.bitrate) return `${Math.round(level.bitrate / 1000)} kbps`;
    return `rung ${index + 1}`;
  }

  function fillRungs(hls) {
    const select = $('rung');
    const options = [new Option('Auto', '-1')];
    // hls.js orders levels by bitrate, lowest first; people expect the best quality on top.
    hls.levels
      .map((level, index) => ({ level, index }))
      .sort((a, b) => (b.level.height || 0) - (a.level.height || 0) || (b.level.bitrate || 0) - (a.level.bitrate || 0))
      .forEach(({ level, index }) => options.push(new Option(rungLabel(level, index), String(index))));
    select.replaceChildren(...options);
    select.value = hls.autoLevelEnabled ? '-1' : String(hls.currentLevel);
  }

  function readDateRanges(details) {
    if (!details || !details.dateRanges) return;
    for (const range of Object.values(details.dateRanges)) {
      if (range.class !== CROSSING_CLASS) continue;
      // The geo stage writes X-DOME-ID (src/RafeCast.Geo/Hls/DomeCrossingDateRange.cs); X-DOME is read too.
      const dome = unquote(range.attr['X-DOME-ID'] ?? range.attr['X-DOME']);
      const direction = String(unquote(range.attr['X-DIRECTION']) || '').toLowerCase();
      if (!dome || !range.startDate || Number.isNaN(range.startDate.getTime())) continue;
      addCrossing({ vehicle: state.vehicle, dome, direction, time: range.startDate.toISOString() }, 'playlist');
    }
  }

  function startPlayer() {
    const video = $('video');
    const master = withToken(new URL(state.source.master, location.href).toString());
    if (window.Hls && window.Hls.isSupported()) {
      const hls = new window.Hls({
        liveSyncDurationCount: 3,
        xhrSetup: (xhr, url) => { xhr.open('GET', withToken(url), true); },
      });
      state.hls = hls;
      hls.on(window.Hls.Events.MANIFEST_PARSED, () => { fillRungs(hls); setStatus(''); });
      hls.on(window.Hls.Events.LEVEL_SWITCHED, (_, data) => {
        const select = $('rung');
        if (hls.autoLevelEnabled && select.options[0]) select.options[0].text = `Auto (${rungLabel(hls.levels[data.level], data.level)})`;
      });
      hls.on(window.Hls.Events.LEVEL_LOADED, (_, data) => readDateRanges(data.details));
      hls.on(window.Hls.Events.LEVEL_UPDATED, (_, data) => readDateRanges(data.details));
      hls.on(window.Hls.Events.ERROR, (_, data) => {
        if (!data.fatal) return;
        if (data.type === window.Hls.ErrorTypes.MEDIA_ERROR) {
          hls.recoverMediaError();
        } else if (data.type === window.Hls.ErrorTypes.NETWORK_ERROR) {
          setStatus(`stream unreachable (${data.details}), retrying…`, true);
          setTimeout(() => hls.startLoad(), 2000);
        } else {
          setStatus(`player error: ${data.details}`, true);
        }
      });
      hls.loadSource(master);
      hls.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = master;
    } else {
      setStatus(window.Hls ? 'This browser cannot play HLS.' : 'hls.js is not installed on the station (run tools/setup.sh there).', true);
      return;
    }
    video.muted = true;
    video.play().catch(() => setStatus('press play to start'));
    $('rung').addEventListener('change', e => {
      if (state.hls) state.hls.currentLevel = Number(e.target.value);
    });
  }

  async function loadStream() {
    const response = await fetch(`/api/streams/${encodeURIComponent(streamId)}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`the station says ${response.status} for stream ${streamId}`);
    return response.json();
  }

  async function connectStream() {
    let details;
    try {
      details = await loadStream();
    } catch (error) {
      setStatus(String(error.message || error), true);
      setTimeout(connectStream, 3000);
      return;
    }
    if (details.vehicle) state.vehicle = details.vehicle;
    if (details.stream) showStream(details.stream);
    $('fact-vehicle').textContent = state.vehicle || '—';
    if (details.tileUrlTemplate && !state.tiles) {
      state.tiles = details.tileUrlTemplate;
      redrawMap();
    }
    if (!details.source) {
      setStatus('waiting for the stream to start…');
      setTimeout(connectStream, 2000);
      return;
    }
    const first = !state.source;
    state.source = details.source;
    state.token = details.source.query || null;
    if (details.source.expires) {
      // Fetch a fresh token well before this one expires; the player picks it up on its next request.
      const ms = Date.parse(details.source.expires) - Date.now();
      setTimeout(connectStream, Math.max(5000, ms * 0.8));
    }
    if (first) startPlayer();
  }

  // ---------------------------------------------------------------- map
  function domeBounds() {
    let b = null;
    for (const dome of state.domes) {
      for (const polygon of dome.polygons) for (const [lon, lat] of polygon[0]) b = extend(b, lat, lon);
    }
    return b;
  }

  function extend(b, lat, lon) {
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return b;
    if (!b) return { minLat: lat, maxLat: lat, minLon: lon, maxLon: lon };
    return { minLat: Math.min(b.minLat, lat), maxLat: Math.max(b.maxLat, lat), minLon: Math.min(b.minLon, lon), maxLon: Math.max(b.maxLon, lon) };
  }

  function inside(b, lat, lon) {
    return b && lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon;
  }

  // A local equirectangular projection: at city scale indistinguishable from the real thing.
  function fit() {
    let b = domeBounds();
    for (const v of state.vehicles.values()) {
      for (const p of v.track) b = extend(b, p.lat, p.lon);
      if (v.position) b = extend(b, v.position.lat, v.position.lon);
    }
    if (!b) return false;
    const midLat = (b.minLat + b.maxLat) / 2;
    const cos = Math.max(0.01, Math.cos(midLat * Math.PI / 180));
    const minSpan = 0.002; // about 200 m, so a lone drone is not infinitely zoomed in
    let spanLat = Math.max(b.maxLat - b.minLat, minSpan);
    let spanLon = Math.max((b.maxLon - b.minLon) * cos, minSpan) / cos;
    const pad = 0.12;
    const centreLat = (b.minLat + b.maxLat) / 2;
    const centreLon = (b.minLon + b.maxLon) / 2;
    spanLat *= 1 + pad * 2;
    spanLon *= 1 + pad * 2;
    const bounds = { minLat: centreLat - spanLat / 2, maxLat: centreLat + spanLat / 2, minLon: centreLon - spanLon / 2, maxLon: centreLon + spanLon / 2 };
    const width = 1000;
    const k = width / Math.max(spanLon * cos, spanLat);
    state.bounds = bounds;
    state.projection = { cos, k, lon0: bounds.minLon, lat0: bounds.maxLat, width: spanLon * cos * k, height: spanLat * k };
    $('map').setAttribute('viewBox', `0 0 ${state.projection.width.toFixed(1)} ${state.projection.height.toFixed(1)}`);
    return true;
  }

  function project(lat, lon) {
    const p = state.projection;
    return [(lon - p.lon0) * p.cos * p.k, (p.lat0 - lat) * p.k];
  }

  function metresPerUnit() {
    return 111320 / state.projection.k;
  }

  function redrawMap() {
    if (!fit()) return;
    $('map-empty').style.display = state.vehicles.size ? 'none' : '';
    drawTiles();
    drawDomes();
    drawScale();
    const tracks = $('layer-tracks');
    const vehicles = $('layer-vehicles');
    tracks.replaceChildren();
    vehicles.replaceChildren();
    for (const v of state.vehicles.values()) {
      v.trackNode = null;
      v.node = null;
      drawVehicle(v);
    }
    drawCrossingMarks();
  }

  function drawDomes() {
    const layer = $('layer-domes');
    layer.replaceChildren();
    const now = Date.now();
    const current = currentDomes();
    for (const dome of state.domes) {
      const d = dome.polygons.map(rings => rings.map(ring => ring.map(([lon, lat], i) => {
        const [x, y] = project(lat, lon);
        return `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
      }).join('') + 'Z').join('')).join('');
      const valid = (!dome.validFrom || Date.parse(dome.validFrom) <= now) && (!dome.validTo || now < Date.parse(dome.validTo));
      const path = el('path', { d, 'fill-rule': 'evenodd', class: `dome kind-${dome.kind}${valid ? '' : ' invalid'}${current.includes(dome.id) ? ' current' : ''}`, 'data-dome': dome.id }, layer);
      const title = el('title', {}, path);
      title.textContent = `${dome.name} (${dome.kind}${dome.height != null ? `, ${dome.height} m high` : ''}${valid ? '' : ', not valid now'})`;
      const outer = dome.polygons[0][0];
      let sx = 0, sy = 0;
      for (const [lon, lat] of outer.slice(0, -1)) { const [x, y] = project(lat, lon); sx += x; sy += y; }
      const n = Math.max(1, outer.length - 1);
      el('text', { x: (sx / n).toFixed(1), y: (sy / n).toFixed(1), class: 'dome-label' }, layer).textContent = dome.name;
    }
  }

  function drawScale() {
    const layer = $('layer-scale');
    layer.replaceChildren();
    const p = state.projection;
    const target = metresPerUnit() * p.width * 0.25;
    const nice = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000].find(m => m >= target / 2) || 50000;
    const length = nice / metresPerUnit();
    const x = 20, y = p.height - 20;
    const g = el('g', { class: 'scale' }, layer);
    el('line', { x1: x, y1: y, x2: x + length, y2: y }, g);
    el('line', { x1: x, y1: y - 6, x2: x, y2: y + 6 }, g);
    el('line', { x1: x + length, y1: y - 6, x2: x + length, y2: y + 6 }, g);
    el('text', { x, y: y - 10 }, g).textContent = nice >= 1000 ? `${nice / 1000} km` : `${nice} m`;
  }

  // Optional slippy-map tiles (configured on the station; none by default, so no internet is needed).
  function drawTiles() {
    const layer = $('layer-tiles');
    layer.replaceChildren();
    if (!state.tiles) return;
    const b = state.bounds;
    const lonToX = (lon, z) => ((lon + 180) / 360) * 2 ** z;
    const latToY = (lat, z) => { const r = lat * Math.PI / 180; return (1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * 2 ** z; };
    const xToLon = (x, z) => x / 2 ** z * 360 - 180;
    const yToLat = (y, z) => { const n = Math.PI - 2 * Math.PI * y / 2 ** z; return 180 / Math.PI * Math.atan(Math.sinh(n)); };
    let z = 18;
    while (z > 1 && (lonToX(b.maxLon, z) - lonToX(b.minLon, z)) > 6) z--;
    for (let x = Math.floor(lonToX(b.minLon, z)); x <= Math.floor(lonToX(b.maxLon, z)); x++) {
      for (let y = Math.floor(latToY(b.maxLat, z)); y <= Math.floor(latToY(b.minLat, z)); y++) {
        const [x0, y0] = project(yToLat(y, z), xToLon(x, z));
        const [x1, y1] = project(yToLat(y + 1, z), xToLon(x + 1, z));
        el('image', { href: state.tiles.replace('{z}', z).replace('{x}', x).replace('{y}', y), x: x0, y: y0, width: x1 - x0, height: y1 - y0, preserveAspectRatio: 'none' }, layer);
      }
    }
  }

  function vehicleEntry(id) {
    let v = state.vehicles.get(id);
    if (!v) {
      v = { id, connected: true, position: null, track: [], domes: new Set(), node: null, trackNode: null };
      state.vehicles.set(id, v);
    }
    return v;
  }

  function drawVehicle(v) {
    if (!state.projection || !v.position) return;
    const watched = v.id === state.vehicle;
    if (!v.trackNode) {
      v.trackNode = el('polyline', { class: `track${watched ? '' : ' other'}`, 'data-vehicle': v.id }, $('layer-tracks'));
    }
    v.trackNode.setAttribute('points', v.track.map(p => project(p.lat, p.lon).map(n => n.toFixed(1)).join(',')).join(' '));
    if (!v.node) {
      v.node = el('g', { class: 'vehicle', id: `vehicle-${v.id.replace('/', '-')}`, 'data-vehicle': v.id }, $('layer-vehicles'));
      el('path', { class: 'heading', d: 'M0,-30 L9,-13 L-9,-13 Z' }, v.node);
      el('circle', { r: 14 }, v.node);
      el('text', {}, v.node).textContent = v.id.split('/')[0];
      el('title', {}, v.node);
    }
    const p = v.position;
    const [x, y] = project(p.lat, p.lon);
    // Markers keep their size on screen whatever the zoom (the map is about 1000 units across).
    const size = Math.max(state.projection.width, state.projection.height) / 1000;
    v.node.setAttribute('transform', `translate(${x.toFixed(1)} ${y.toFixed(1)}) scale(${size.toFixed(3)})`);
    v.node.setAttribute('class', `vehicle${watched ? ' watched' : ' other'}${v.connected ? '' : ' lost'}`);
    v.node.dataset.lat = String(p.lat);
    v.node.dataset.lon = String(p.lon);
    v.node.dataset.time = p.time;
    const heading = v.node.querySelector('.heading');
    heading.setAttribute('transform', `rotate(${p.heading ?? 0})`);
    heading.style.display = p.heading == null ? 'none' : '';
    v.node.querySelector('title').textContent = `vehicle ${v.id}: ${p.lat.toFixed(6)}, ${p.lon.toFixed(6)}, ${p.altRel.toFixed(1)} m above home`;
    if (watched) {
      $('fact-position').textContent = `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)} · ${p.altRel.toFixed(0)} m`;
    }
  }

  function onPosition(p) {
    const v = vehicleEntry(p.vehicle);
    v.connected = true;
    v.position = p;
    v.track.push({ time: p.time, lat: p.lat, lon: p.lon, altRel: p.altRel });
    if (v.track.length > MAX_TRACK) v.track.splice(0, v.track.length - MAX_TRACK);
    if (!state.projection || !inside(state.bounds, p.lat, p.lon)) {
      redrawMap();
    } else {
      drawVehicle(v);
    }
  }

  // ---------------------------------------------------------------- crossings
  function crossingKey(c) {
    return `${c.vehicle || ''}|${c.dome}|${c.direction}|${Math.round(Date.parse(c.time) / 1000)}`;
  }

  function addCrossing(c, source) {
    const t = Math.round(Date.parse(c.time) / 1000);
    // The feed and the playlist report the same crossing; within a second it is one crossing.
    for (const dt of [-1, 0, 1]) {
      const key = `${c.vehicle || ''}|${c.dome}|${c.direction}|${t + dt}`;
      const existing = state.crossings.get(key);
      if (existing) {
        existing.sources.add(source);
        if (c.lat != null && existing.lat == null) Object.assign(existing, { lat: c.lat, lon: c.lon });
        renderCrossings();
        return;
      }
    }
    state.crossings.set(crossingKey(c), { ...c, sources: new Set([source]) });
    if (state.crossings.size > MAX_CROSSINGS) state.crossings.delete(state.crossings.keys().next().value);
    if (source === 'feed') {
      const v = vehicleEntry(c.vehicle);
      if (c.direction === 'enter') v.domes.add(c.dome);
      else if (c.direction === 'exit') v.domes.delete(c.dome);
      showDomes();
    }
    renderCrossings();
    drawCrossingMarks();
  }

  function watchedCrossings() {
    return [...state.crossings.values()]
      .filter(c => !state.vehicle || !c.vehicle || c.vehicle === state.vehicle)
      .sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  }

  function renderCrossings() {
    const words = { enter: 'entered', exit: 'left', over: 'flew over' };
    const items = watchedCrossings().map(c => {
      const li = document.createElement('li');
      li.className = `crossing ${c.direction}`;
      li.dataset.dome = c.dome;
      li.dataset.direction = c.direction;
      li.dataset.time = c.time;
      const time = document.createElement('time');
      time.dateTime = c.time;
      time.textContent = clock(c.time);
      const dir = document.createElement('span');
      dir.className = 'dir';
      dir.textContent = words[c.direction] || c.direction;
      const name = document.createElement('b');
      name.textContent = ` ${domeName(c.dome)}`;
      const src = document.createElement('span');
      src.className = 'source';
      src.textContent = [...c.sources].join(' + ');
      li.append(time, dir, name, src);
      li.addEventListener('click', () => seekTo(c.time));
      return li;
    });
    $('crossings').replaceChildren(...items);
    drawTimelineBar();
  }

  function drawCrossingMarks() {
    const layer = $('layer-crossings');
    layer.replaceChildren();
    if (!state.projection) return;
    for (const c of watchedCrossings()) {
      if (c.lat == null) continue;
      const [x, y] = project(c.lat, c.lon);
      el('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 5, class: `crossing-mark ${c.direction}`, 'data-dome': c.dome }, layer);
    }
  }

  function drawTimelineBar() {
    const bar = $('timeline-bar');
    bar.replaceChildren();
    const crossings = watchedCrossings();
    const since = state.stream?.since ? Date.parse(state.stream.since) : (crossings.length ? Date.parse(crossings[crossings.length - 1].time) - 60000 : Date.now() - 60000);
    const now = Date.now();
    const span = Math.max(1000, now - since);
    for (const c of crossings) {
      const x = ((Date.parse(c.time) - since) / span) * 1000;
      el('rect', { x: Math.max(0, Math.min(996, x - 2)).toFixed(1), y: 2, width: 4, height: 20, class: `tick ${c.direction}` }, bar);
    }
    const playing = state.hls?.playingDate;
    if (playing) {
      const x = ((playing.getTime() - since) / span) * 1000;
      el('rect', { x: Math.max(0, Math.min(998, x - 1)).toFixed(1), y: 0, width: 2, height: 24, class: 'playhead' }, bar);
    }
  }

  // Jumps the player to a crossing when it is still in the live window (program-date-time mapping).
  function seekTo(iso) {
    const video = $('video');
    const playing = state.hls?.playingDate;
    if (!playing) return;
    const target = video.currentTime + (Date.parse(iso) - playing.getTime()) / 1000;
    const seekable = video.seekable;
    for (let i = 0; i < seekable.length; i++) {
      if (target >= seekable.start(i) && target <= seekable.end(i)) {
        video.currentTime = target;
        return;
      }
    }
    setStatus('that crossing is no longer in the live window (the archive has it)');
  }

  // ---------------------------------------------------------------- live events
  function applySnapshot(snapshot) {
    for (const view of snapshot.vehicles) {
      const v = vehicleEntry(view.id);
      v.connected = view.connected;
      v.domes = new Set(view.domes || []);
      v.track = (view.track || []).map(p => ({ time: p.time, lat: p.lat, lon: p.lon, altRel: p.altRel }));
      v.position = view.position || null;
    }
    const mine = snapshot.streams.find(s => s.id === streamId);
    if (mine) showStream(mine);
    for (const c of snapshot.crossings) addCrossing(c, 'feed');
    redrawMap();
    showDomes();
  }

  function connectEvents() {
    const source = new EventSource('/api/live/events');
    const on = (name, handler) => source.addEventListener(name, e => {
      state.events++;
      handler(JSON.parse(e.data));
    });
    on('snapshot', applySnapshot);
    on('position', onPosition);
    on('vehicle', view => {
      const v = vehicleEntry(view.id);
      v.connected = view.connected;
      v.domes = new Set(view.domes || []);
      drawVehicle(v);
      showDomes();
    });
    on('crossing', c => addCrossing(c, 'feed'));
    on('stream', s => { if (s.id === streamId) showStream(s); });
    on('gap', g => { if (g.stream === streamId) setStatus(`stream gap ${clock(g.start)}–${clock(g.end)} (${g.reason})`); });
    source.onopen = () => { if ($('live-badge').textContent === 'connecting') $('live-badge').textContent = 'idle'; };
    source.onerror = () => setStatus('live updates interrupted, reconnecting…');
  }

  async function loadDomes() {
    try {
      const response = await fetch('/api/domes');
      if (!response.ok) return;
      const geo = await response.json();
      state.domes = geo.features.map(f => ({
        id: f.properties.id,
        name: f.properties.name || f.properties.id,
        kind: f.properties.kind || 'dome',
        height: f.properties.height_m,
        validFrom: f.properties.valid_from,
        validTo: f.properties.valid_to,
        polygons: f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
      }));
      redrawMap();
      renderCrossings();
    } catch {
      // The map still shows the drone without domes.
    }
  }

  $('stream-name').textContent = streamId;
  document.title = `RafeCast — ${streamId}`;
  loadDomes();
  connectEvents();
  connectStream();
  setInterval(drawTimelineBar, 1000);
})();
