// Charts drawn as SVG. Each is a picture of a table printed next to it, so the SVG is
// labelled as an image that points to that table, and colour is never the only cue.
import { number } from './api.js';

const SVG = 'http://www.w3.org/2000/svg';
const LABEL_WIDTH = 190;
const ROW = 20;

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

function frame(width, height, label) {
  return s('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: '100%',
    role: 'img',
    'aria-label': label,
    class: 'chart',
    preserveAspectRatio: 'xMinYMin meet',
  });
}

function clip(text, length = 28) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

// Horizontal bars from `min` to `max` with a zero line; rows: {label, value, colour, note}.
export function barChart(rows, { min = 0, max = 1, label, digits = 2 }) {
  const plot = 300;
  const width = LABEL_WIDTH + plot + 60;
  const height = rows.length * ROW + 24;
  const svg = frame(width, height, label);
  const x = (v) => LABEL_WIDTH + ((v - min) / (max - min || 1)) * plot;
  for (const tick of [min, (min + max) / 2, max]) {
    svg.append(s('line', { x1: x(tick), x2: x(tick), y1: 0, y2: height - 18, class: 'grid' }));
    svg.append(s('text', { x: x(tick), y: height - 4, class: 'tick' }, number(tick, 1)));
  }
  rows.forEach((row, i) => {
    const y = i * ROW + 2;
    svg.append(s('text', { x: LABEL_WIDTH - 6, y: y + 13, class: 'label' }, clip(row.label)));
    if (row.value === null || row.value === undefined) {
      svg.append(s('text', { x: x(0) + 4, y: y + 13, class: 'value' }, row.note || '–'));
      return;
    }
    const from = x(Math.max(min, Math.min(0, max)));
    const to = x(row.value);
    svg.append(s('rect', {
      x: Math.min(from, to), y, width: Math.max(Math.abs(to - from), 1.5), height: ROW - 5,
      fill: row.colour, class: 'bar',
    }));
    const text = number(row.value, digits) + (row.note ? ` ${row.note}` : '');
    svg.append(s('text', { x: Math.max(from, to) + 4, y: y + 13, class: 'value' }, text));
  });
  return svg;
}

// A grid of cells; cell(row, column) gives {value, tied} or null for an empty cell.
export function heatMap(rows, columns, cell, { label, scale }) {
  const size = 24;
  const top = 110;
  const width = LABEL_WIDTH + columns.length * size + 10;
  const height = top + rows.length * size + 4;
  const svg = frame(width, height, label);
  columns.forEach((column, j) => {
    const cx = LABEL_WIDTH + j * size + size / 2;
    svg.append(s('text', {
      x: cx, y: top - 6, transform: `rotate(-55 ${cx} ${top - 6})`, class: 'column',
    }, clip(column.label, 18)));
  });
  rows.forEach((row, i) => {
    const y = top + i * size;
    svg.append(s('text', { x: LABEL_WIDTH - 6, y: y + 16, class: 'label' }, clip(row.label)));
    columns.forEach((column, j) => {
      const x = LABEL_WIDTH + j * size;
      const found = cell(row, column);
      if (!found) {
        svg.append(s('rect', { x, y, width: size - 2, height: size - 2, class: 'empty' }));
        return;
      }
      const { fill, ink } = scale(found);
      svg.append(s('rect', { x, y, width: size - 2, height: size - 2, fill }));
      const mark = `${found.value}${found.tied ? '✓' : '!'}`;
      svg.append(s('text', { x: x + (size - 2) / 2, y: y + 15, fill: ink, class: 'cell' }, mark));
    });
  });
  return svg;
}
