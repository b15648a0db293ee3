// Line icons (24×24, drawn with a stroke), so tiles look the same on every phone.
const PATHS = {
  receive: 'M12 3v11m0 0-4-4m4 4 4-4M4 14v5a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-5',
  pick: 'M3 8h18l-2 12H5L3 8Zm5 0 4-5 4 5m-6 5 2 2 4-4',
  count: 'M4 9h16M4 15h16M10 3 8 21M16 3l-2 18',
  transfer: 'M4 8h15l-4-4m5 12H5l4 4',
  truck: 'M2 5h12v11H2V5Zm12 4h4l4 4v3h-8M6.5 20a2 2 0 1 0 0-4 2 2 0 0 0 0 4Zm11 0a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z',
  returns: 'M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-4',
  approvals: 'm8 12 3 3 5-6M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Z',
  lookup: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14Zm5-2 5 5',
  outbox: 'M12 15V3m0 0L8 7m4-4 4 4M4 14v5a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-5',
  users: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 10a7 7 0 0 1 14 0M16 3.3a4 4 0 0 1 0 7.4M22 21a7 7 0 0 0-4-6.3',
  alerts: 'M12 3 2 20h20L12 3Zm0 6v5m0 3v.5',
  bell: 'M6 9a6 6 0 1 1 12 0c0 6 3 8 3 8H3s3-2 3-8m4.3 12a2 2 0 0 0 3.4 0',
  office: 'M3 5h18v14H3V5Zm0 4h18M8 9v10',
  account: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 9a7 7 0 0 1 14 0',
};
const SVG = 'http://www.w3.org/2000/svg';

/** An <svg> icon by name (decorative: hidden from screen readers). */
export function icon(name, className = 'tile-glyph') {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  for (const [attr, value] of Object.entries({ fill: 'none', stroke: 'currentColor',
    'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })) {
    svg.setAttribute(attr, value);
  }
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name] || '');
  svg.append(path);
  return svg;
}
