// Key bindings as people write them ("Shift+J", "Ctrl+Shift+-", "D D") and matching a
// KeyboardEvent against them. Letters, digits and "-" are read from the physical key (e.code), so
// Shift+J is "Shift+J" and Ctrl+Shift+- is not "Ctrl+Shift+_"; other symbols ("?") from e.key.

/** The chord a keydown makes, in the bindings' spelling: modifiers in the order Ctrl, Alt, Shift. */
export function chordOf(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string {
  let key: string;
  let shift = e.shiftKey;
  if (/^Key[A-Z]$/.test(e.code)) key = e.code.slice(3);
  else if (/^Digit[0-9]$/.test(e.code)) key = e.code.slice(5);
  else if (e.code === 'Minus' || e.code === 'NumpadSubtract') key = '-';
  else if (e.key.startsWith('Arrow')) key = e.key.slice(5);
  else if (e.key === 'Escape') key = 'Esc';
  else if (e.key === ' ') key = 'Space';
  else if (e.key.length === 1) {
    // A symbol typed with Shift ("?") is its own key.
    key = e.key.toUpperCase();
    shift = false;
  } else key = e.key;
  const mods = [e.ctrlKey || e.metaKey ? 'Ctrl' : '', e.altKey ? 'Alt' : '', shift ? 'Shift' : ''].filter(Boolean);
  return [...mods, key].join('+');
}

/** A binding's chords: "D D" is two presses of D. */
export const chordsOf = (binding: string) => binding.split(' ').filter(Boolean);

/** How a binding reads in the help and the palette (arrows as arrows). */
export function displayKey(binding: string): string {
  return binding.replace(/\bUp\b/g, '↑').replace(/\bDown\b/g, '↓');
}

/** Matches single chords and two-chord sequences ("D D", "I I", "0 0") pressed within a second. */
export class SequenceMatcher {
  private last = { chord: '', at: 0 };

  /** The binding this chord completes, of those given, or null (the chord is remembered). */
  match(chord: string, bindings: readonly string[], now = Date.now()): string | null {
    const prev = this.last.chord && now - this.last.at < 1000 ? this.last.chord : '';
    for (const b of bindings) {
      const c = chordsOf(b);
      if (c.length === 2 && prev && c[0] === prev && c[1] === chord) {
        this.last = { chord: '', at: 0 };
        return b;
      }
    }
    this.last = { chord, at: now };
    for (const b of bindings) if (chordsOf(b).length === 1 && b === chord) return b;
    return null;
  }

  /** Whether this chord starts a sequence (so it is taken, not passed on). */
  starts(chord: string, bindings: readonly string[]): boolean {
    return bindings.some((b) => chordsOf(b).length === 2 && chordsOf(b)[0] === chord);
  }
}
