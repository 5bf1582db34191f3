// Family `s` in TypeScript (twins of scripts/golden/lessons_s.py): the DCGAN, VAE and DQN tutorials'
// programs as a learner ports them (options object = keyword arguments, `t.index(...)` for `t[...]`,
// `index_put_` for `t[mask] = v`, synchronous `cpu_item()` on CPU tensors). Tiny sizes, as the Python side.
import golden from './golden/lessons_s.json';
import { torch, nn, F, optim } from '../index';
import type { Tensor } from '../tensor';
import type { Module } from '../nn/module';
import { err, fixturesOf, type Lesson } from './lessons_io';

const { I, SD } = fixturesOf(golden, 'golden/lessons_s.json');
const f32 = { dtype: torch.float32 };

// ---- DCGAN ---------------------------------------------------------------------------------
const nc = 1, nz = 4, ngf = 2, ndf = 2;
const real_label = 1.0, fake_label = 0.0;

class Generator extends nn.Module {
  ngpu: number;
  main: nn.Sequential;
  constructor(ngpu = 1) {
    super();
    this.ngpu = ngpu;
    this.main = nn.Sequential(
      nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, { bias: false }),
      nn.BatchNorm2d(ngf * 4),
      nn.ReLU(true),
      nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, { bias: false }),
      nn.BatchNorm2d(ngf * 2),
      nn.ReLU(true),
      nn.ConvTranspose2d(ngf * 2, nc, 4, 2, 1, { bias: false }),
      nn.Tanh(),
    );
  }
  forward(input: Tensor): Tensor {
    return this.main(input);
  }
}

class Discriminator extends nn.Module {
  ngpu: number;
  main: nn.Sequential;
  constructor(ngpu = 1) {
    super();
    this.ngpu = ngpu;
    this.main = nn.Sequential(
      nn.Conv2d(nc, ndf, 4, 2, 1, { bias: false }),
      nn.LeakyReLU(0.2, { inplace: true }),
      nn.Conv2d(ndf, ndf * 2, 4, 2, 1, { bias: false }),
      nn.BatchNorm2d(ndf * 2),
      nn.LeakyReLU(0.2, { inplace: true }),
      nn.Conv2d(ndf * 2, 1, 4, 1, 0, { bias: false }),
      nn.Sigmoid(),
    );
  }
  forward(input: Tensor): Tensor {
    return this.main(input);
  }
}

const VISITED: string[] = [];
// `m.__class__.__name__` as the tutorial writes it (Python's `.find` is `.indexOf`)
function weights_init(m: Module) {
  const classname = m.__class__.__name__;
  VISITED.push(classname);
  const mm = m as unknown as { weight: Tensor; bias: Tensor };
  if (classname.indexOf('Conv') !== -1) {
    nn.init.normal_(mm.weight.data, 0.0, 0.02);
  } else if (classname.indexOf('BatchNorm') !== -1) {
    nn.init.normal_(mm.weight.data, 1.0, 0.02);
    nn.init.constant_(mm.bias.data, 0);
  }
}

const bn = (s: nn.Sequential, i: number) => s[i] as nn.BatchNorm2d;
const wt = (s: nn.Sequential, i: number) => (s[i] as nn.Conv2d).weight;

export const S: Record<string, Lesson> = {};

S.s_dcgan_two_iterations = () => {
  const netG = new Generator();
  VISITED.length = 0;
  netG.apply(weights_init);
  const visited_G = [...VISITED];
  const bn_bias_zero = Boolean(bn(netG.main, 1).bias!.eq(0).all().cpu_item());
  netG.load_state_dict(SD('dcgan_G'));
  const netD = new Discriminator();
  VISITED.length = 0;
  netD.apply(weights_init);
  const visited_D = [...VISITED];
  netD.load_state_dict(SD('dcgan_D'));
  const criterion = nn.BCELoss();
  const fixed_noise = I('dcgan_noise0');
  const optimizerD = optim.Adam(netD.parameters(), { lr: 0.0002, betas: [0.5, 0.999] });
  const optimizerG = optim.Adam(netG.parameters(), { lr: 0.0002, betas: [0.5, 0.999] });
  const rec: Record<string, unknown> = { visited_G, visited_D, bn_bias_zero };
  const G_losses: number[] = [], D_losses: number[] = [], stats: number[][] = [];
  const real_cpu = I('dcgan_real');
  for (let i = 0; i < 2; i++) {
    netD.zero_grad();
    const b_size = real_cpu.size(0);
    const label = torch.full([b_size], real_label, { dtype: torch.float });
    let output = netD(real_cpu).view(-1);
    const errD_real = criterion(output, label);
    errD_real.backward();
    const D_x = output.mean().cpu_item() as number;
    const noise = I(`dcgan_noise${i}`);
    const fake = netG(noise);
    label.fill_(fake_label);
    output = netD(fake.detach()).view(-1);
    const errD_fake = criterion(output, label);
    errD_fake.backward();
    const D_G_z1 = output.mean().cpu_item() as number;
    const errD = errD_real.add(errD_fake);
    optimizerD.step();
    netG.zero_grad();
    label.fill_(real_label);
    output = netD(fake).view(-1);
    const errG = criterion(output, label);
    errG.backward();
    const D_G_z2 = output.mean().cpu_item() as number;
    optimizerG.step();
    G_losses.push(errG.cpu_item() as number);
    D_losses.push(errD.cpu_item() as number);
    stats.push([D_x, D_G_z1, D_G_z2]);
    if (i === 0) {
      Object.assign(rec, {
        label, fake, out_D_fake: output, errD, errG, D_grad_w0: wt(netD.main, 0).grad!.clone(), G_grad_w0: wt(netG.main, 0).grad!.clone(),
        fake_shape: fake.shape, fake_grad_fn: fake.grad_fn!.name(),
      });
    }
  }
  const fixed_fake = torch.no_grad(() => netG(fixed_noise).detach().cpu()) as Tensor;
  return Object.assign(rec, {
    G_losses, D_losses, stats, G_w0: wt(netG.main, 0), G_bn_w: bn(netG.main, 1).weight, G_bn_rm: bn(netG.main, 1).running_mean,
    G_bn_rv: bn(netG.main, 1).running_var, D_w3: bn(netD.main, 3).weight, D_w5: wt(netD.main, 5), fixed_fake: fixed_fake.index(0, 0, ':2'),
    bn_batches: bn(netD.main, 3).num_batches_tracked,
  });
};

S.s_dcgan_mistakes = () => {
  const netD = new Discriminator();
  netD.load_state_dict(SD('dcgan_D'));
  const netG = new Generator();
  netG.load_state_dict(SD('dcgan_G'));
  const criterion = nn.BCELoss();
  const out = netD(I('dcgan_real')).view(-1);
  const label = torch.full([4], real_label, { dtype: torch.float });
  const lrelu = nn.LeakyReLU(0.2, { inplace: true });
  const x = torch.tensor([-1.0, 2.0], f32);
  const v0 = x._version;
  const y = lrelu(x);
  const s = torch.tensor([-1.0, 2.0], { requires_grad: true }).sigmoid();
  const s2 = lrelu(s);
  const h = torch.tensor([-1.0, 2.0], { requires_grad: true }).mul(1);
  lrelu(h).sum().backward();
  const fake = netG(I('dcgan_noise0'));
  criterion(netD(fake).view(-1), label).backward(); // the D step without fake.detach()
  return {
    rgb_into_D: err(() => netD(torch.zeros(2, 3, 16, 16))), noise_flat: err(() => netG(torch.zeros(2, nz))),
    label_2: criterion(out, label.mul(2)), label_neg: criterion(out, label.sub(2)), input_gt1: err(() => criterion(out.mul(2), label)),
    shape_mismatch: err(() => criterion(out.view(-1, 1), label)), long_label: err(() => criterion(out, torch.full([4], 1))),
    full_default: torch.full([2], real_label, f32), full_int: torch.full([2], 1), lrelu_repr: String(lrelu), lrelu_out: y,
    lrelu_same: y === x, lrelu_input: x, lrelu_version: x._version - v0, lrelu_after_sigmoid: err(() => s2.sum().backward()),
    lrelu_grad_fn: h.grad_fn!.name(), no_detach_twice: err(() => criterion(netD(fake).view(-1), label).backward()),
    G_repr_line: String(netG).split('\n')[2].trim(), D_repr_line: String(netD).split('\n')[3].trim(),
    bce_grad_fn: criterion(out, label).grad_fn!.name(),
  };
};

// ---- VAE -----------------------------------------------------------------------------------
const D_IN = 16, D_H = 8, D_Z = 2;

class VAE extends nn.Module {
  fc1 = nn.Linear(D_IN, D_H);
  fc21 = nn.Linear(D_H, D_Z);
  fc22 = nn.Linear(D_H, D_Z);
  fc3 = nn.Linear(D_Z, D_H);
  fc4 = nn.Linear(D_H, D_IN);
  eps: Tensor | null = null; // the fixed draw standing in for torch.randn_like(std)
  eps_seen: unknown = null;
  encode(x: Tensor): [Tensor, Tensor] {
    const h1 = F.relu(this.fc1(x));
    return [this.fc21(h1), this.fc22(h1)];
  }
  reparameterize(mu: Tensor, logvar: Tensor): Tensor {
    const std = torch.exp(logvar.mul(0.5));
    let eps = torch.randn_like(std);
    this.eps_seen = [eps.shape, String(eps.dtype), eps.requires_grad];
    eps = this.eps!;
    return mu.add(eps.mul(std));
  }
  decode(z: Tensor): Tensor {
    const h3 = F.relu(this.fc3(z));
    return torch.sigmoid(this.fc4(h3));
  }
  forward(x: Tensor): [Tensor, Tensor, Tensor] {
    const [mu, logvar] = this.encode(x.view(-1, D_IN));
    const z = this.reparameterize(mu, logvar);
    return [this.decode(z), mu, logvar];
  }
}

function loss_function(recon_x: Tensor, x: Tensor, mu: Tensor, logvar: Tensor): [Tensor, Tensor, Tensor] {
  const BCE = F.binary_cross_entropy(recon_x, x.view(-1, D_IN), { reduction: 'sum' });
  const KLD = torch.sum(logvar.add(1).sub(mu.pow(2)).sub(logvar.exp())).mul(-0.5);
  return [BCE.add(KLD), BCE, KLD];
}

S.s_vae_steps = () => {
  const model = new VAE();
  model.load_state_dict(SD('vae'));
  const optimizer = optim.Adam(model.parameters(), { lr: 1e-3 });
  model.train();
  const data = I('vae_data');
  const losses: number[][] = [];
  const rec: Record<string, unknown> = { losses };
  let train_loss = 0;
  for (let step = 0; step < 3; step++) {
    model.eps = I(`vae_eps${step}`);
    optimizer.zero_grad();
    const [recon_batch, mu, logvar] = model(data) as [Tensor, Tensor, Tensor];
    const [loss, BCE, KLD] = loss_function(recon_batch, data, mu, logvar);
    loss.backward();
    train_loss += loss.cpu_item() as number;
    optimizer.step();
    losses.push([loss.cpu_item() as number, BCE.cpu_item() as number, KLD.cpu_item() as number]);
    if (step === 0) {
      Object.assign(rec, {
        recon: recon_batch, mu, logvar, loss, BCE, KLD, eps_seen: model.eps_seen, fc21_grad: model.fc21.weight.grad!.clone(), fc1_bgrad: model.fc1.bias!.grad!.clone(),
      });
    }
  }
  model.eval();
  const sample = torch.no_grad(() => model.decode(I('vae_eps0')));
  const state = optimizer.state_dict().state as unknown as Record<number, Record<string, unknown>>;
  return Object.assign(rec, {
    train_loss: train_loss / data.size(0), fc1_w: model.fc1.weight, fc22_b: model.fc22.bias, fc4_w: model.fc4.weight, sample,
    view_img: sample.view(3, 1, 4, 4).shape,
    bce_out_of_range: err(() => F.binary_cross_entropy(data.view(-1, D_IN).mul(2), data.view(-1, D_IN))),
    bce_shape: err(() => F.binary_cross_entropy(torch.sigmoid(data.view(3, D_IN)), data)),
    bce_target_2: F.binary_cross_entropy(torch.sigmoid(data.view(3, D_IN)), data.view(3, D_IN).mul(2), { reduction: 'sum' }),
    view_wrong: err(() => data.view(-1, 15)), state: Object.keys(state[0]),
  });
};

// ---- DQN -----------------------------------------------------------------------------------
const n_observations = 4, n_actions = 2, HIDDEN = 8;
const BATCH_SIZE = 5, GAMMA = 0.99, TAU = 0.005, LR = 1e-4;

class DQN extends nn.Module {
  layer1: nn.Linear;
  layer2: nn.Linear;
  layer3: nn.Linear;
  constructor(n_observations: number, n_actions: number) {
    super();
    this.layer1 = nn.Linear(n_observations, HIDDEN);
    this.layer2 = nn.Linear(HIDDEN, HIDDEN);
    this.layer3 = nn.Linear(HIDDEN, n_actions);
  }
  forward(x: Tensor): Tensor {
    x = F.relu(this.layer1(x));
    x = F.relu(this.layer2(x));
    return this.layer3(x);
  }
}

type Transition = { state: Tensor; action: Tensor; next_state: Tensor | null; reward: Tensor };

function transitions_of(k: number): Transition[] {
  const s = I('dqn_states'), a = I('dqn_actions'), r = I('dqn_rewards');
  const out: Transition[] = [];
  for (let j = 0; j < BATCH_SIZE; j++) {
    const i = (k * 3 + j) % 9;
    const state = s.index(i).unsqueeze(0);
    const next_state = j === 2 ? null : s.index(i + 1).unsqueeze(0);
    out.push({ state, action: torch.tensor([[a.index(i).cpu_item() as number]]), next_state, reward: torch.tensor([r.index(i).cpu_item() as number], f32) });
  }
  return out;
}

S.s_dqn_optimize = () => {
  const policy_net = new DQN(n_observations, n_actions);
  policy_net.load_state_dict(SD('dqn'));
  const target_net = new DQN(n_observations, n_actions);
  target_net.load_state_dict(policy_net.state_dict());
  torch.no_grad(() => target_net.layer3.bias!.add_(0.1));
  const optimizer = optim.AdamW(policy_net.parameters(), { lr: LR, amsgrad: true });
  const state = I('dqn_states').index(0).unsqueeze(0);
  const [action, action_idx] = torch.no_grad(() => [
    policy_net(state).max(1)[1].view(1, 1), policy_net(state).max(1).indices.view(1, 1),
  ]) as Tensor[];
  const losses: number[] = [];
  const rec: Record<string, unknown> = { action, action_idx, losses };
  const criterion = nn.SmoothL1Loss();
  let state_action_values: Tensor | null = null, expected_state_action_values: Tensor | null = null;
  for (let k = 0; k < 2; k++) {
    const transitions = transitions_of(k);
    const batch = {
      state: transitions.map((t) => t.state), action: transitions.map((t) => t.action),
      next_state: transitions.map((t) => t.next_state), reward: transitions.map((t) => t.reward),
    };
    const non_final_mask = torch.tensor(batch.next_state.map((s) => s !== null), { dtype: torch.bool });
    const non_final_next_states = torch.cat(batch.next_state.filter((s): s is Tensor => s !== null));
    const state_batch = torch.cat(batch.state);
    const action_batch = torch.cat(batch.action);
    const reward_batch = torch.cat(batch.reward);
    state_action_values = policy_net(state_batch).gather(1, action_batch);
    const next_state_values = torch.zeros(BATCH_SIZE);
    torch.no_grad(() => {
      next_state_values.index_put_([non_final_mask], target_net(non_final_next_states).max(1)[0]);
    });
    expected_state_action_values = next_state_values.mul(GAMMA).add(reward_batch);
    const loss = criterion(state_action_values, expected_state_action_values.unsqueeze(1));
    optimizer.zero_grad();
    loss.backward();
    nn.utils.clip_grad_value_(policy_net.parameters(), 100);
    optimizer.step();
    const target_net_state_dict = target_net.state_dict();
    const policy_net_state_dict = policy_net.state_dict();
    for (const key of Object.keys(policy_net_state_dict)) {
      target_net_state_dict[key] = policy_net_state_dict[key].mul(TAU).add(target_net_state_dict[key].mul(1 - TAU));
    }
    target_net.load_state_dict(target_net_state_dict);
    losses.push(loss.cpu_item() as number);
    if (k === 0) {
      Object.assign(rec, {
        mask: non_final_mask, non_final: non_final_next_states, sav: state_action_values, nsv: next_state_values,
        expected: expected_state_action_values, loss, l1_grad: policy_net.layer1.weight.grad!.clone(), l3_bgrad: policy_net.layer3.bias!.grad!.clone(),
        sd_keys: Object.keys(policy_net_state_dict), sd_requires_grad: policy_net_state_dict['layer1.weight'].requires_grad,
      });
    }
  }
  const state_b = torch.cat(transitions_of(0).map((t) => t.state));
  const opt_state = optimizer.state_dict().state as unknown as Record<number, Record<string, unknown>>;
  return Object.assign(rec, {
    policy_l1: policy_net.layer1.weight, policy_l3_b: policy_net.layer3.bias, target_l1: target_net.layer1.weight,
    target_l3_b: target_net.layer3.bias, amsgrad_state: Object.keys(opt_state[0]).sort(),
    gather_int32: err(() => policy_net(state_b).gather(1, torch.zeros(5, 1, { dtype: torch.int32 }))),
    gather_float: err(() => policy_net(state_b).gather(1, torch.zeros(5, 1))),
    gather_1d: err(() => policy_net(state_b).gather(1, torch.zeros(5, { dtype: torch.long }))),
    gather_oob: err(() => policy_net(state_b).gather(1, torch.full([5, 1], 2))),
    smooth_l1_bcast: criterion(state_action_values!, expected_state_action_values!),
    item_many: err(() => policy_net(state_b).max(1)[1].cpu_item()),
  });
};

S.s_common_mistakes = () => {
  const m = nn.Linear(4, 2);
  m.load_state_dict(SD('dqn_l1'));
  const x = I('dqn_states').index(':3');
  const p = nn.Parameter(torch.zeros(3));
  p.grad = torch.tensor([-3.0, 0.5, 2.0], f32);
  nn.utils.clip_grad_value_([p], 1.0);
  const q = nn.Parameter(torch.zeros(3));
  q.grad = torch.tensor([-3.0, 0.5, 2.0], f32);
  const total = nn.utils.clip_grad_norm_([q], 1.0, { norm_type: Infinity });
  const mx = torch.tensor([[1.0, 5.0], [7.0, 2.0]], f32).max(1);
  const no_grad_backward = () => torch.no_grad(() => m(x).sum().backward());
  const anyOptim = optim.Adam as unknown as (...a: unknown[]) => unknown;
  return {
    cat_dims: err(() => torch.cat([torch.zeros(1, 4), torch.zeros(4)])), cat_sizes: err(() => torch.cat([torch.zeros(1, 4), torch.zeros(1, 3)])),
    softmax_dim: err(() => F.softmax(torch.zeros(2, 3, 4), { dim: 3 })), view_noncontig: err(() => torch.zeros(2, 3).t().view(-1)),
    backward_nonscalar: err(() => m(x).backward()), adam_module: err(() => anyOptim(m, { lr: 0.1 })), adam_tensor: err(() => anyOptim(m.weight, { lr: 0.1 })),
    adam_empty: err(() => optim.Adam([], { lr: 0.1 })), linear_in: err(() => m(torch.zeros(3, 5))),
    ce_float_idx: err(() => F.cross_entropy(torch.zeros(3, 2), torch.zeros(3))), topk_dim: err(() => torch.zeros(2, 3).topk(1, { dim: 5 })),
    clip_value: p.grad, clip_inf_total: total, clip_inf: q.grad, max_values: mx.values, max_indices: mx.indices, max_0: mx[0],
    leaky_neg: nn.LeakyReLU(-0.1)(torch.tensor([-1.0, 1.0], f32)),
    bce_logits_shape: err(() => F.binary_cross_entropy_with_logits(torch.zeros(3, 1), torch.zeros(3))), no_grad_backward: err(no_grad_backward),
    mse_long_target: F.mse_loss(m(x), torch.zeros([3, 2], { dtype: torch.long }).float()),
  };
};
