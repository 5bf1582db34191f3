// Files: download a notebook, read one the user picked or dropped, fetch one from ?url=.
export function downloadText(text: string, filename: string, type = 'application/x-ipynb+json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const readFileText = (file: File): Promise<string> => file.text();

/** Opens the system file picker for .ipynb files; resolves with the chosen file or null. */
export function pickFile(accept = '.ipynb,application/x-ipynb+json,application/json'): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

export async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { credentials: 'omit' });
  if (!res.ok) throw new Error(`${url} answered ${res.status} ${res.statusText}`);
  return res.text();
}

export function safeFilename(name: string): string {
  return (name.trim().replace(/[\\/:*?"<>|]+/g, '-').replace(/\s+/g, ' ') || 'notebook') + '.ipynb';
}
