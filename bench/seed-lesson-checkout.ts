// The seed lesson (5000 epochs, exactly as bench/peers/ours.ts seedLesson writes it: named layers,
// F.mse_loss, optim.SGD) against the engine of any checkout (`root`: a worktree's path), for the
// A/B scripts that compare two trees (seed-ab.ts in one process, seed-fresh.ts one process per run).
import { resolve } from 'node:path';

/** Loads `root`'s engine and the lesson's data; each call of the result trains from seed 0 and returns the final loss. */
export async function loadSeedLesson(root: string): Promise<() => number> {
  const { torch: T, nn: N, optim: O } = (await import(resolve(root, 'engine/index.ts'))) as any;
  await import(resolve(root, 'engine/backend/wasm/index.ts'));
  const t_c = T.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]).unsqueeze(1);
  const t_u = T.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]).unsqueeze(1).mul(0.1);
  return () => {
    T.manual_seed(0);
    const seq_model = N.Sequential({ hidden_linear: N.Linear(1, 13), hidden_activation: N.Tanh(), output_linear: N.Linear(13, 1) });
    const optimizer = O.SGD(seq_model.parameters(), { lr: 1e-3 });
    let loss: any;
    for (let epoch = 1; epoch <= 5000; epoch++) {
      loss = N.functional.mse_loss(seq_model(t_u), t_c);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
    }
    return loss.cpu_item();
  };
}
