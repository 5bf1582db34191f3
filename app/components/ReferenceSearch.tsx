// Searches the reference offline (the generated app/help/reference.generated.json: the same doc
// comments as the editor's hover) and shows one entry: signature, PyTorch name, options, example.
import { useEffect, useMemo, useState } from 'react';
import { searchReference, type HelpEntry, type HelpPage } from '../help/search';

let loaded: Promise<HelpPage[]> | null = null;
const loadReference = () => (loaded ??= import('../help/reference.generated.json').then((m) => (m.default ?? m) as unknown as HelpPage[]));

function EntryView({ e }: { e: HelpEntry }) {
  return (
    <article className="tl-ref-entry" aria-label={`Reference: ${e.name}`}>
      <h3>
        <code>{e.name}</code>
      </h3>
      <p className="tl-muted">{e.pytorch ? <>PyTorch: <code>{e.pytorch}</code> · {e.kind}</> : <>Torchlit notebook helper · {e.kind}</>}</p>
      {e.signatures.length > 0 && <pre className="tl-ref-sig">{e.signatures.join('\n')}</pre>}
      <p className="tl-ref-doc">{e.doc || 'No description yet.'}</p>
      {e.options.length > 0 && (
        <table className="tl-ref-options" aria-label="Options">
          <thead>
            <tr>
              <th scope="col">option</th>
              <th scope="col">type</th>
              <th scope="col">meaning</th>
            </tr>
          </thead>
          <tbody>
            {e.options.map((o) => (
              <tr key={o.name}>
                <th scope="row">
                  <code>{o.name}</code>
                </th>
                <td>
                  <code>{o.type}</code>
                </td>
                <td>{o.doc}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {e.returns && e.kind !== 'class' && e.kind !== 'property' && (
        <p>
          Returns <code>{e.returns}</code>
        </p>
      )}
      {e.throws.map((t) => (
        <p key={t}>Raises {t}</p>
      ))}
      {e.examples.map((x, i) => (
        <pre key={i} className="tl-ref-example" aria-label="Example">
          {x}
        </pre>
      ))}
    </article>
  );
}

export function ReferenceSearch({ initialQuery = '', autoFocus = false, onQuery }: { initialQuery?: string; autoFocus?: boolean; onQuery?(q: string): void }) {
  const [pages, setPages] = useState<HelpPage[] | null>(null);
  const [query, setQuery] = useState(initialQuery);
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadReference().then((p) => live && setPages(p));
    return () => {
      live = false;
    };
  }, []);
  const hits = useMemo(() => (pages && query.trim() ? searchReference(pages, query) : []), [pages, query]);
  const shown = hits.find((h) => h.name === picked) ?? hits[0];
  return (
    <div className="tl-ref">
      <input
        type="search"
        className="tl-ref-input"
        aria-label="Search the reference"
        placeholder="Search the reference: nn.Linear, backward, mse_loss, monitor…"
        value={query}
        data-autofocus={autoFocus ? '' : undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setPicked(null);
          onQuery?.(e.target.value);
        }}
      />
      {query.trim() !== '' && (
        <div className="tl-ref-body">
          {!pages ? (
            <p className="tl-muted">Loading the reference…</p>
          ) : hits.length === 0 ? (
            <p className="tl-muted">Nothing in the reference matches “{query}”.</p>
          ) : (
            <>
              <ul className="tl-ref-hits" role="listbox" aria-label="Matches">
                {hits.map((h) => (
                  <li key={h.name} role="option" aria-selected={h === shown}>
                    <button type="button" onClick={() => setPicked(h.name)}>
                      <code>{h.name}</code>
                    </button>
                  </li>
                ))}
              </ul>
              {shown && <EntryView e={shown} />}
            </>
          )}
        </div>
      )}
    </div>
  );
}
