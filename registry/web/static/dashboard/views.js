// A view is its address: filters, which map, colouring, sizing, the selected organisation or
// community, and the language are query parameters, so a view can be shared, bookmarked and
// survives sign-in. Saved views are named addresses kept in this browser.
import { T, h, say } from './api.js';

const STORE = 'registry.savedViews';

export function params() {
  return new URLSearchParams(window.location.search);
}

// Sets (or with a falsy value removes) these parameters in the address, without reloading.
export function setParams(changes) {
  const next = params();
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  const query = next.toString();
  window.history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
  window.dispatchEvent(new Event('viewchange'));
}

function saved() {
  try {
    return JSON.parse(window.localStorage.getItem(STORE)) || [];
  } catch {
    return [];
  }
}

// The saved-views form in the frame: name the current view, or open one saved before.
export function wireSavedViews(form, list, status) {
  const draw = () => {
    const views = saved();
    list.replaceChildren(views.length
      ? h('ul', {}, views.map((v) => h('li', {}, h('a', { href: v.query || '?' }, v.name))))
      : h('p', { class: 'note' }, T.noViews));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = form.elements.namedItem('view-name').value.trim();
    if (!name) return;
    const views = saved().filter((v) => v.name !== name);
    views.push({ name, query: window.location.search });
    window.localStorage.setItem(STORE, JSON.stringify(views));
    form.reset();
    draw();
    status.textContent = say(T.viewSaved, { n: name });
  });
  draw();
}
