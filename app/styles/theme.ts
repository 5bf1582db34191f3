// The colour theme: light, dark, or the system's (`prefers-color-scheme`, the default), chosen
// in the toolbar and remembered in localStorage. The resolved theme is `data-theme` on <html>
// (app.css and dark.css read it); Monaco and the uPlot charts, which draw their own colours,
// subscribe to `useTheme`.
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'torchlit.theme';

interface ThemeState {
  choice: ThemeChoice;
  dark: boolean;
}

const systemDark = () => typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;

function storedChoice(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

const resolve = (choice: ThemeChoice) => (choice === 'system' ? systemDark() : choice === 'dark');

export const useTheme = create<ThemeState>()(() => {
  const choice = storedChoice();
  return { choice, dark: resolve(choice) };
});

function apply({ dark }: ThemeState) {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

/** Applies the theme now and follows the system's while the choice is "system". Call once at start. */
export function initTheme() {
  apply(useTheme.getState());
  useTheme.subscribe(apply);
  if (typeof matchMedia !== 'function') return;
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    const { choice } = useTheme.getState();
    if (choice === 'system') useTheme.setState({ dark: systemDark() });
  });
}

export function setThemeChoice(choice: ThemeChoice) {
  try {
    if (choice === 'system') globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, choice);
  } catch {
    // private mode: the choice lasts for this page
  }
  useTheme.setState({ choice, dark: resolve(choice) });
}

/** Colours for what draws on a canvas (uPlot axes), in step with the CSS theme. */
export function chartColors(dark: boolean) {
  return dark ? { text: '#c9cdd2', grid: 'rgba(255,255,255,0.12)', ticks: 'rgba(255,255,255,0.25)' } : { text: '#333333', grid: 'rgba(0,0,0,0.07)', ticks: 'rgba(0,0,0,0.15)' };
}
