// The one registry of notebook commands: JupyterLab 4's ids, labels and keys. The keyboard
// (./useShortcuts.ts), the command palette, the shortcuts help, the toolbar's Kernel menu and
// the README's "Coming from JupyterLab" table all read this list, so a key shown is a key that works.
import { useNotebook } from '../notebook/store';
import type { Commands } from './useCommands';
import { toggleAllLineNumbers, toggleLineNumbers, toggleOutputsHidden, toggleOutputsScrolled } from './cell-view';
import { openFind } from './FindReplace';
import { downloadHtml, downloadTypeScript } from './ExportMenu';
import { downloadPytorchNotebook } from './ExportPytorch';

/**
 * Where a command's keys work. command: command mode (a cell selected, not typing); anywhere:
 * also while typing in a cell; edit: only while typing in a cell (the editors handle Shift+Enter
 * and friends themselves, so their keys are listed for both modes but handled here in command mode).
 */
export type KeyScope = 'command' | 'anywhere' | 'edit';

export interface NotebookCommand {
  /** JupyterLab's command id. */
  id: string;
  /** JupyterLab's label (what the palette and menus show). */
  label: string;
  category: 'Notebook Operations' | 'Notebook Cell Operations' | 'Kernel Operations' | 'Settings' | 'Help';
  /** Shortcuts as written in the help ("Shift+J", "D D"); the first is the one shown. */
  keys?: string[];
  scope?: KeyScope;
  /** Also shown in the help under "Both modes" (the editors have the same keys). */
  bothModes?: boolean;
  /** The editors handle these keys while typing (Esc); the registry only lists them. */
  editorHandles?: boolean;
  /** Extra words the palette's search matches. */
  keywords?: string;
  run(): void;
}

/** What the page adds: dialogs and panels the notebook page owns. */
export interface PageCommands {
  openHelp(): void;
  openPalette(): void;
  share(): void;
  checkpoints?: () => void;
  toggleInspector(): void;
  askBeforeRestart(): void;
  /** Flips "Check Code as You Type" (TypeScript in the cells) for the next page load, and says so. */
  toggleCodeChecking(): void;
  /** The notebook's name, for exported files ("notebook" unless given). */
  notebookName?(): string;
}

export function commandList(c: Commands, page: PageCommands): NotebookCommand[] {
  const cell = 'Notebook Cell Operations' as const;
  const nbOps = 'Notebook Operations' as const;
  const kernel = 'Kernel Operations' as const;
  const name = () => page.notebookName?.() || 'notebook';
  const list: NotebookCommand[] = [
    { id: 'notebook:run-cell-and-select-next', label: 'Run Selected Cells', category: cell, keys: ['Shift+Enter'], bothModes: true, run: () => c.runCell(undefined, 'advance') },
    { id: 'notebook:run-cell', label: 'Run Selected Cells and Do not Advance', category: cell, keys: ['Ctrl+Enter'], bothModes: true, run: () => c.runCell(undefined, 'stay') },
    { id: 'notebook:run-cell-and-insert-below', label: 'Run Selected Cells and Insert Below', category: cell, keys: ['Alt+Enter'], bothModes: true, run: () => c.runCell(undefined, 'insert') },
    { id: 'notebook:run-all-cells', label: 'Run All Cells', category: nbOps, keywords: 'run all', run: c.runAll },
    { id: 'notebook:run-all-above', label: 'Run All Above Selected Cell', category: nbOps, run: () => c.runAbove(activeOrFirst()) },
    { id: 'notebook:run-all-below', label: 'Run Selected Cell and All Below', category: nbOps, run: () => c.runBelow(activeOrFirst()) },
    { id: 'notebook:enter-edit-mode', label: 'Enter Edit Mode', category: nbOps, keys: ['Enter'], run: () => c.editMode() },
    { id: 'notebook:enter-command-mode', label: 'Enter Command Mode', category: nbOps, keys: ['Esc'], scope: 'edit', editorHandles: true, run: () => c.commandMode() },
    { id: 'notebook:move-cursor-up', label: 'Select Cell Above', category: nbOps, keys: ['Up', 'K'], run: () => c.selectRelative(-1) },
    { id: 'notebook:move-cursor-down', label: 'Select Cell Below', category: nbOps, keys: ['Down', 'J'], run: () => c.selectRelative(1) },
    { id: 'notebook:extend-marked-cells-above', label: 'Extend Selection Above', category: nbOps, keys: ['Shift+Up', 'Shift+K'], keywords: 'multi select', run: () => c.extendSelection(-1) },
    { id: 'notebook:extend-marked-cells-below', label: 'Extend Selection Below', category: nbOps, keys: ['Shift+Down', 'Shift+J'], keywords: 'multi select', run: () => c.extendSelection(1) },
    { id: 'notebook:select-all', label: 'Select All Cells', category: nbOps, keys: ['Ctrl+A'], run: c.selectAll },
    { id: 'notebook:insert-cell-above', label: 'Insert Cell Above', category: cell, keys: ['A'], run: c.insertAbove },
    { id: 'notebook:insert-cell-below', label: 'Insert Cell Below', category: cell, keys: ['B'], run: c.insertBelow },
    { id: 'notebook:delete-cell', label: 'Delete Cells', category: cell, keys: ['D D'], run: c.deleteSelected },
    { id: 'notebook:cut-cell', label: 'Cut Cells', category: cell, keys: ['X'], run: c.cutSelected },
    { id: 'notebook:copy-cell', label: 'Copy Cells', category: cell, keys: ['C'], run: c.copySelected },
    { id: 'notebook:paste-cell-below', label: 'Paste Cells Below', category: cell, keys: ['V'], run: c.pasteBelow },
    { id: 'notebook:undo-cell-action', label: 'Undo Cell Operation', category: cell, keys: ['Z'], keywords: 'undo delete', run: c.undo },
    { id: 'notebook:redo-cell-action', label: 'Redo Cell Operation', category: cell, keys: ['Shift+Z'], run: c.redo },
    { id: 'notebook:move-cell-up', label: 'Move Cells Up', category: cell, keys: ['Ctrl+Shift+Up'], run: () => c.moveSelected(-1) },
    { id: 'notebook:move-cell-down', label: 'Move Cells Down', category: cell, keys: ['Ctrl+Shift+Down'], run: () => c.moveSelected(1) },
    { id: 'notebook:merge-cells', label: 'Merge Selected Cells', category: cell, keys: ['Shift+M'], run: c.merge },
    { id: 'notebook:merge-cell-above', label: 'Merge Cell Above', category: cell, keys: ['Ctrl+Backspace'], run: c.mergeAbove },
    { id: 'notebook:merge-cell-below', label: 'Merge Cell Below', category: cell, keys: ['Ctrl+Shift+M'], run: c.mergeBelow },
    { id: 'notebook:split-cell-at-cursor', label: 'Split Cell', category: cell, keys: ['Ctrl+Shift+-'], scope: 'edit', run: () => void c.split() },
    { id: 'notebook:change-cell-to-code', label: 'Change to Code Cell Type', category: cell, keys: ['Y'], run: () => c.changeType('code') },
    { id: 'notebook:change-cell-to-markdown', label: 'Change to Markdown Cell Type', category: cell, keys: ['M'], run: () => c.changeType('markdown') },
    { id: 'notebook:change-cell-to-raw', label: 'Change to Raw Cell Type', category: cell, keys: ['R'], run: () => c.changeType('raw') },
    { id: 'notebook:clear-cell-output', label: 'Clear Cell Output', category: cell, keywords: 'clear outputs selected', run: c.clearSelectedOutputs },
    { id: 'notebook:clear-all-cell-outputs', label: 'Clear Outputs of All Cells', category: nbOps, keywords: 'clear all outputs', run: c.clearAllOutputs },
    { id: 'notebook:interrupt-kernel', label: 'Interrupt Kernel', category: kernel, keys: ['I I'], keywords: 'stop', run: c.interrupt },
    { id: 'notebook:restart-kernel', label: 'Restart Kernel…', category: kernel, keys: ['0 0'], run: () => void c.restart() },
    { id: 'notebook:restart-clear-output', label: 'Restart Kernel and Clear Outputs of All Cells…', category: kernel, keywords: 'restart and clear all outputs', run: () => void c.restartClear() },
    { id: 'notebook:restart-run-all', label: 'Restart Kernel and Run All Cells…', category: kernel, keywords: 'restart and run all', run: () => void c.restartRunAll() },
    { id: 'kernel:ask-before-restart', label: 'Ask Before Restarting the Kernel', category: kernel, keywords: 'settings confirm restart dialog', run: page.askBeforeRestart },
    { id: 'torchlit:toggle-code-checking', label: 'Check Code as You Type (TypeScript)', category: 'Settings', keywords: 'settings typescript diagnostics errors underline completions hover language service slow machine toggle', run: page.toggleCodeChecking },
    { id: 'docmanager:save', label: 'Save Notebook', category: nbOps, keys: ['Ctrl+S'], scope: 'anywhere', run: c.save },
    { id: 'docmanager:download', label: 'Download .ipynb', category: nbOps, run: c.download },
    // JupyterLab's File > Save and Export Notebook As…; the same code as the toolbar's buttons.
    { id: 'notebook:export-to-format-html', label: 'Download as HTML', category: nbOps, keywords: 'export save as html nbconvert static page', run: () => void downloadHtml(name()) },
    { id: 'notebook:export-to-format-script', label: 'Download as TypeScript', category: nbOps, keywords: 'export save as script ts nbconvert', run: () => void downloadTypeScript(name()) },
    { id: 'torchlit:export-pytorch', label: 'Download as PyTorch notebook', category: nbOps, keywords: 'export save as python jupyter colab py ipynb', run: () => void downloadPytorchNotebook(name()) },
    { id: 'docmanager:open', label: 'Open…', category: nbOps, keywords: 'file ipynb', run: () => void c.open() },
    { id: 'torchlit:share', label: 'Share Link…', category: nbOps, run: page.share },
    { id: 'torchlit:toggle-variables', label: 'Show or Hide Variables', category: nbOps, keywords: 'variable inspector', run: page.toggleInspector },
    { id: 'documentsearch:start', label: 'Find and Replace…', category: nbOps, keys: ['Ctrl+F'], keywords: 'search replace regex', run: openFind },
    { id: 'notebook:toggle-cell-line-numbers', label: 'Show Line Numbers', category: cell, keys: ['L'], keywords: 'toggle line numbers', run: () => toggleLineNumbers(activeOrFirst()) },
    { id: 'notebook:toggle-all-cell-line-numbers', label: 'Show Line Numbers in All Cells', category: nbOps, keys: ['Shift+L'], keywords: 'toggle all line numbers', run: toggleAllLineNumbers },
    { id: 'notebook:hide-cell-outputs', label: 'Collapse or Expand Selected Outputs', category: cell, keys: ['O'], keywords: 'toggle hide show outputs', run: () => toggleOutputsHidden(activeOrFirst()) },
    { id: 'notebook:enable-output-scrolling', label: 'Enable or Disable Scrolling for Outputs', category: cell, keys: ['Shift+O'], keywords: 'toggle scroll long output', run: () => toggleOutputsScrolled(activeOrFirst()) },
    { id: 'apputils:activate-command-palette', label: 'Activate Command Palette', category: 'Help', keys: ['Ctrl+Shift+C', 'Ctrl+Shift+P'], scope: 'anywhere', run: page.openPalette },
    { id: 'help:shortcuts', label: 'Show Keyboard Shortcuts', category: 'Help', keys: ['H', '?'], run: page.openHelp },
  ];
  if (page.checkpoints) list.push({ id: 'torchlit:checkpoints', label: 'Checkpoints…', category: nbOps, keywords: 'revert history', run: page.checkpoints });
  return list;
}

function activeOrFirst(): string {
  const s = useNotebook.getState();
  return s.activeId ?? s.doc.cells[0]?.id ?? '';
}
