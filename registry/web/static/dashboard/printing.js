// The current map as a PNG, and the map with the gap report printed (or saved as PDF) for a
// report to the district; and a progress bar for anything that takes over half a second.
import { T } from './api.js';

const bar = document.getElementById('busy');
let running = 0;

// Runs `work` (a promise-returning function); the bar shows if it is still going at 0.5 s.
export async function withProgress(work) {
  running += 1;
  const timer = setTimeout(() => {
    if (running) bar.hidden = false;
  }, 500);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    running -= 1;
    if (!running) bar.hidden = true;
  }
}

function picture(cy) {
  return cy.png({ output: 'base64uri', full: false, scale: 2, bg: '#ffffff' });
}

function today() {
  return new Date().toISOString().slice(0, 10);
}

export function downloadPng(cy) {
  return withProgress(async () => {
    const link = document.createElement('a');
    link.href = picture(cy);
    link.download = `${T.title.toLowerCase().replace(/\s+/g, '-')}-${today()}.png`;
    document.body.append(link);
    link.click();
    link.remove();
  });
}

// The canvas does not print: a picture of it takes its place on paper.
export function preparePrint(cy) {
  const figure = document.getElementById('print-map');
  figure.replaceChildren();
  const image = new Image();
  image.src = picture(cy);
  image.alt = T.mapLabel;
  figure.append(image);
}
