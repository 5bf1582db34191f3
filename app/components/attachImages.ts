// Pasting or dropping images into a Markdown cell's editor (JupyterLab's attachments): each image
// is stored in the cell's `attachments` under a unique name (the file's, or `image.png` for a
// pasted screenshot) and `![name](attachment:name)` goes where the cursor is, as one undo step.
// Text pastes and drops are left to Monaco.
import type * as Monaco from 'monaco-editor';
import { attachmentMarkdown, attachmentProblem, base64OfDataUrl, uniqueAttachmentName } from '../notebook/attachments';
import { useNotebook } from '../notebook/store';

const readDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error(`${file.name} could not be read`));
    r.readAsDataURL(file);
  });

/** Stores the files on the cell and returns the Markdown that shows them; problems go to `report`. */
async function attach(cellId: string, files: File[], report: (message: string | null) => void): Promise<string[]> {
  const inserted: string[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const label = file.name || 'The pasted image';
    const problem = attachmentProblem(label, file.type, file.size);
    if (problem) {
      problems.push(problem);
      continue;
    }
    let data: string | null = null;
    try {
      data = base64OfDataUrl(await readDataUrl(file));
    } catch (e) {
      problems.push(`${label} could not be read: ${(e as Error).message}`);
      continue;
    }
    if (data === null) continue;
    const s = useNotebook.getState();
    const cell = s.doc.cells.find((c) => c.id === cellId);
    if (!cell) break;
    const name = uniqueAttachmentName(file.name, cell.attachments);
    s.actions.setAttachment(cellId, name, { [file.type]: data });
    inserted.push(attachmentMarkdown(name));
  }
  report(problems.length ? problems.join(' ') : null);
  return inserted;
}

/** Wires paste and drop of image files into `editor`; returns the clean-up. */
export function attachImagesOnPasteAndDrop(editor: Monaco.editor.IStandaloneCodeEditor, cellId: string, report: (message: string | null) => void): () => void {
  const node = editor.getContainerDomNode();
  const filesOf = (dt: DataTransfer | null) => (dt ? Array.from(dt.files) : []);
  const insert = async (files: File[]) => {
    const parts = await attach(cellId, files, report);
    const at = editor.getSelection();
    if (!parts.length || !at || !editor.getModel()) return;
    editor.pushUndoStop();
    editor.executeEdits('torchlit.attach', [{ range: at, text: parts.join('\n'), forceMoveMarkers: true }]);
    editor.pushUndoStop();
    editor.focus();
  };
  const onPaste = (e: ClipboardEvent) => {
    const files = filesOf(e.clipboardData);
    if (!files.length) return;
    // Captured before Monaco's own paste: an image with a text flavour (a file path, a copied
    // web image's alt) becomes the attachment only, as in JupyterLab.
    e.preventDefault();
    e.stopPropagation();
    void insert(files);
  };
  const onDragOver = (e: DragEvent) => {
    if (e.dataTransfer?.types.includes('Files')) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  };
  const onDrop = (e: DragEvent) => {
    const files = filesOf(e.dataTransfer);
    if (!files.length) return;
    e.preventDefault();
    e.stopPropagation();
    // The drop lands where the mouse is.
    const target = editor.getTargetAtClientPoint(e.clientX, e.clientY);
    if (target?.position) editor.setPosition(target.position);
    void insert(files);
  };
  node.addEventListener('paste', onPaste, true);
  node.addEventListener('dragover', onDragOver, true);
  node.addEventListener('drop', onDrop, true);
  return () => {
    node.removeEventListener('paste', onPaste, true);
    node.removeEventListener('dragover', onDragOver, true);
    node.removeEventListener('drop', onDrop, true);
  };
}
