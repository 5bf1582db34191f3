import { useEffect, useState } from 'react';

/** Seconds since `since`, ticking while shown. */
export function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(t);
  }, []);
  return <span className="tl-elapsed">{((now - since) / 1000).toFixed(1)} s</span>;
}
