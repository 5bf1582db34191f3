// The theme choice (system / light / dark), in the toolbar; styles/theme.ts applies and keeps it.
import { setThemeChoice, useTheme, type ThemeChoice } from '../styles/theme';

export function ThemeSelect() {
  const choice = useTheme((t) => t.choice);
  return (
    <label className="tl-device tl-theme">
      <span>Theme</span>
      <select value={choice} onChange={(e) => setThemeChoice(e.target.value as ThemeChoice)} title="Colour theme (System follows your operating system's light or dark setting)">
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
