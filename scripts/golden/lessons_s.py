"""Family `s` (issue 15's trust sweep, round 2): the DCGAN, VAE and DQN tutorials' programs as a learner
writes them (see lessons.py for the format). Sizes are tiny so the tests stay fast: DCGAN on 16x16
one-channel images with nz=4, ngf=ndf=2 (the tutorial: 64x64x3, nz=100, ngf=ndf=64); the VAE on 16
"pixels" (784) with 8 hidden (400) and 2 latent (20) units; the DQN with 8 hidden units (128) and a
batch of 5 transitions (128). Random draws a learner makes (`torch.randn` noise, `randn_like` eps,
`nn.init.normal_` in `weights_init`) are fixed inputs here, so both sides compute the same numbers.
"""
import torch
import torch.nn.functional as F
import torch.optim as optim
from torch import nn

from lessons import CURRENT, I, SD, err, fixed, fixed_sd, lesson, rand, randn

# ---- DCGAN -----------------------------------------------------------------------------------
nc, nz, ngf, ndf = 1, 4, 2, 2
real_label, fake_label = 1., 0.


class Generator(nn.Module):
    def __init__(self, ngpu=1):
        super(Generator, self).__init__()
        self.ngpu = ngpu
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, nc, 4, 2, 1, bias=False),
            nn.Tanh()
        )

    def forward(self, input):
        return self.main(input)


class Discriminator(nn.Module):
    def __init__(self, ngpu=1):
        super(Discriminator, self).__init__()
        self.ngpu = ngpu
        self.main = nn.Sequential(
            nn.Conv2d(nc, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 2, 1, 4, 1, 0, bias=False),
            nn.Sigmoid()
        )

    def forward(self, input):
        return self.main(input)


VISITED = []


def weights_init(m):
    classname = m.__class__.__name__
    VISITED.append(classname)
    if classname.find('Conv') != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname.find('BatchNorm') != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)


torch.manual_seed(999)
_g, _d = Generator(), Discriminator()
_g.apply(weights_init)
_d.apply(weights_init)
fixed_sd('dcgan_G', _g)
fixed_sd('dcgan_D', _d)
fixed('dcgan_real', rand(4, nc, 16, 16, seed=301) * 2 - 1)
fixed('dcgan_noise0', randn(4, nz, 1, 1, seed=302))
fixed('dcgan_noise1', randn(4, nz, 1, 1, seed=303))


@lesson
def s_dcgan_two_iterations():
    netG = Generator()
    VISITED.clear()
    netG.apply(weights_init)
    visited_G = list(VISITED)
    bn_bias_zero = bool((netG.main[1].bias == 0).all())
    netG.load_state_dict(SD('dcgan_G'))
    netD = Discriminator()
    VISITED.clear()
    netD.apply(weights_init)
    visited_D = list(VISITED)
    netD.load_state_dict(SD('dcgan_D'))
    criterion = nn.BCELoss()
    fixed_noise = I('dcgan_noise0')
    optimizerD = optim.Adam(netD.parameters(), lr=0.0002, betas=(0.5, 0.999))
    optimizerG = optim.Adam(netG.parameters(), lr=0.0002, betas=(0.5, 0.999))
    rec = {'visited_G': visited_G, 'visited_D': visited_D, 'bn_bias_zero': bn_bias_zero}
    G_losses, D_losses, stats = [], [], []
    real_cpu = I('dcgan_real')
    for i in range(2):
        netD.zero_grad()
        b_size = real_cpu.size(0)
        label = torch.full((b_size,), real_label, dtype=torch.float)
        output = netD(real_cpu).view(-1)
        errD_real = criterion(output, label)
        errD_real.backward()
        D_x = output.mean().item()
        noise = I(f'dcgan_noise{i}')
        fake = netG(noise)
        label.fill_(fake_label)
        output = netD(fake.detach()).view(-1)
        errD_fake = criterion(output, label)
        errD_fake.backward()
        D_G_z1 = output.mean().item()
        errD = errD_real + errD_fake
        optimizerD.step()
        netG.zero_grad()
        label.fill_(real_label)
        output = netD(fake).view(-1)
        errG = criterion(output, label)
        errG.backward()
        D_G_z2 = output.mean().item()
        optimizerG.step()
        G_losses.append(errG.item())
        D_losses.append(errD.item())
        stats.append([D_x, D_G_z1, D_G_z2])
        if i == 0:
            rec.update({'label': label, 'fake': fake, 'out_D_fake': output, 'errD': errD, 'errG': errG,
                        'D_grad_w0': netD.main[0].weight.grad.clone(), 'G_grad_w0': netG.main[0].weight.grad.clone(),
                        'fake_shape': fake.shape, 'fake_grad_fn': fake.grad_fn.name()})
    with torch.no_grad():
        fixed_fake = netG(fixed_noise).detach().cpu()
    rec.update({'G_losses': G_losses, 'D_losses': D_losses, 'stats': stats, 'G_w0': netG.main[0].weight,
                'G_bn_w': netG.main[1].weight, 'G_bn_rm': netG.main[1].running_mean, 'G_bn_rv': netG.main[1].running_var,
                'D_w3': netD.main[3].weight, 'D_w5': netD.main[5].weight, 'fixed_fake': fixed_fake[0, 0, :2],
                'bn_batches': netD.main[3].num_batches_tracked})
    return rec


@lesson
def s_dcgan_mistakes():
    netD = Discriminator()
    netD.load_state_dict(SD('dcgan_D'))
    netG = Generator()
    netG.load_state_dict(SD('dcgan_G'))
    criterion = nn.BCELoss()
    out = netD(I('dcgan_real')).view(-1)
    label = torch.full((4,), real_label, dtype=torch.float)
    lrelu = nn.LeakyReLU(0.2, inplace=True)
    x = torch.tensor([-1.0, 2.0])
    v0 = x._version
    y = lrelu(x)
    s = torch.tensor([-1.0, 2.0], requires_grad=True).sigmoid()
    s2 = lrelu(s)
    h = torch.tensor([-1.0, 2.0], requires_grad=True) * 1
    lrelu(h).sum().backward()
    fake = netG(I('dcgan_noise0'))
    criterion(netD(fake).view(-1), label).backward()  # the D step without fake.detach()
    return {'rgb_into_D': err(lambda: netD(torch.zeros(2, 3, 16, 16))),
            'noise_flat': err(lambda: netG(torch.zeros(2, nz))),
            'label_2': criterion(out, label * 2), 'label_neg': criterion(out, label - 2),
            'input_gt1': err(lambda: criterion(out * 2, label)),
            'shape_mismatch': err(lambda: criterion(out.view(-1, 1), label)),
            'long_label': err(lambda: criterion(out, torch.full((4,), 1))),
            'full_default': torch.full((2,), real_label), 'full_int': torch.full((2,), 1),
            'lrelu_repr': repr(lrelu), 'lrelu_out': y, 'lrelu_same': y is x, 'lrelu_input': x, 'lrelu_version': x._version - v0,
            'lrelu_after_sigmoid': err(lambda: s2.sum().backward()), 'lrelu_grad_fn': h.grad_fn.name(),
            'no_detach_twice': err(lambda: criterion(netD(fake).view(-1), label).backward()), 'G_repr_line': repr(netG).split('\n')[2].strip(),
            'D_repr_line': repr(netD).split('\n')[3].strip(), 'bce_grad_fn': criterion(out, label).grad_fn.name()}


# ---- VAE -------------------------------------------------------------------------------------
D_IN, D_H, D_Z = 16, 8, 2


class VAE(nn.Module):
    def __init__(self):
        super(VAE, self).__init__()
        self.fc1 = nn.Linear(D_IN, D_H)
        self.fc21 = nn.Linear(D_H, D_Z)
        self.fc22 = nn.Linear(D_H, D_Z)
        self.fc3 = nn.Linear(D_Z, D_H)
        self.fc4 = nn.Linear(D_H, D_IN)
        self.eps = None  # the fixed draw standing in for torch.randn_like(std)
        self.eps_seen = None

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn_like(std)
        self.eps_seen = [eps.shape, eps.dtype, eps.requires_grad]
        eps = self.eps
        return mu + eps * std

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, D_IN))
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


def loss_function(recon_x, x, mu, logvar):
    BCE = F.binary_cross_entropy(recon_x, x.view(-1, D_IN), reduction='sum')
    KLD = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return BCE + KLD, BCE, KLD


torch.manual_seed(311)
fixed_sd('vae', VAE())
fixed('vae_data', rand(3, 1, 4, 4, seed=312))
for _s in range(3):
    fixed(f'vae_eps{_s}', randn(3, D_Z, seed=313 + _s))


@lesson
def s_vae_steps():
    model = VAE()
    model.load_state_dict(SD('vae'))
    optimizer = optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    data = I('vae_data')
    rec = {'losses': []}
    train_loss = 0
    for step in range(3):
        model.eps = I(f'vae_eps{step}')
        optimizer.zero_grad()
        recon_batch, mu, logvar = model(data)
        loss, BCE, KLD = loss_function(recon_batch, data, mu, logvar)
        loss.backward()
        train_loss += loss.item()
        optimizer.step()
        rec['losses'].append([loss.item(), BCE.item(), KLD.item()])
        if step == 0:
            rec.update({'recon': recon_batch, 'mu': mu, 'logvar': logvar, 'loss': loss, 'BCE': BCE, 'KLD': KLD,
                        'eps_seen': model.eps_seen, 'fc21_grad': model.fc21.weight.grad.clone(), 'fc1_bgrad': model.fc1.bias.grad.clone()})
    model.eval()
    with torch.no_grad():
        sample = model.decode(I('vae_eps0'))
    rec.update({'train_loss': train_loss / len(data), 'fc1_w': model.fc1.weight, 'fc22_b': model.fc22.bias, 'fc4_w': model.fc4.weight,
                'sample': sample, 'view_img': sample.view(3, 1, 4, 4).shape,
                'bce_out_of_range': err(lambda: F.binary_cross_entropy(data.view(-1, D_IN) * 2, data.view(-1, D_IN))),
                'bce_shape': err(lambda: F.binary_cross_entropy(torch.sigmoid(data.view(3, D_IN)), data)),
                'bce_target_2': F.binary_cross_entropy(torch.sigmoid(data.view(3, D_IN)), data.view(3, D_IN) * 2, reduction='sum'),
                'view_wrong': err(lambda: data.view(-1, 15)),
                'state': list(optimizer.state_dict()['state'][0].keys())})
    return rec


# ---- DQN -------------------------------------------------------------------------------------
n_observations, n_actions, HIDDEN = 4, 2, 8
BATCH_SIZE, GAMMA, TAU, LR = 5, 0.99, 0.005, 1e-4


class DQN(nn.Module):
    def __init__(self, n_observations, n_actions):
        super(DQN, self).__init__()
        self.layer1 = nn.Linear(n_observations, HIDDEN)
        self.layer2 = nn.Linear(HIDDEN, HIDDEN)
        self.layer3 = nn.Linear(HIDDEN, n_actions)

    def forward(self, x):
        x = F.relu(self.layer1(x))
        x = F.relu(self.layer2(x))
        return self.layer3(x)


torch.manual_seed(321)
fixed_sd('dqn', DQN(n_observations, n_actions))
fixed('dqn_states', randn(10, n_observations, seed=322))
fixed('dqn_actions', torch.tensor([0, 1, 1, 0, 1, 0, 0, 1, 1, 0]))
fixed('dqn_rewards', torch.tensor([1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0]))


def transitions_of(k):
    """Five (state, action, next_state, reward) transitions as the replay memory hands them out; one is final."""
    s, a, r = I('dqn_states'), I('dqn_actions'), I('dqn_rewards')
    out = []
    for j in range(BATCH_SIZE):
        i = (k * 3 + j) % 9
        state = s[i].unsqueeze(0)
        next_state = None if j == 2 else s[i + 1].unsqueeze(0)
        out.append((state, torch.tensor([[a[i].item()]]), next_state, torch.tensor([r[i].item()])))
    return out


@lesson
def s_dqn_optimize():
    policy_net = DQN(n_observations, n_actions)
    policy_net.load_state_dict(SD('dqn'))
    target_net = DQN(n_observations, n_actions)
    target_net.load_state_dict(policy_net.state_dict())
    with torch.no_grad():  # the target starts a little off the policy, as after some soft updates
        target_net.layer3.bias.add_(0.1)
    optimizer = optim.AdamW(policy_net.parameters(), lr=LR, amsgrad=True)
    state = I('dqn_states')[0].unsqueeze(0)
    with torch.no_grad():
        action = policy_net(state).max(1)[1].view(1, 1)
        action_idx = policy_net(state).max(1).indices.view(1, 1)
    rec = {'action': action, 'action_idx': action_idx, 'losses': []}
    for k in range(2):
        transitions = transitions_of(k)
        state_b, action_b, next_b, reward_b = zip(*transitions)
        non_final_mask = torch.tensor(tuple(map(lambda s: s is not None, next_b)), dtype=torch.bool)
        non_final_next_states = torch.cat([s for s in next_b if s is not None])
        state_batch = torch.cat(state_b)
        action_batch = torch.cat(action_b)
        reward_batch = torch.cat(reward_b)
        state_action_values = policy_net(state_batch).gather(1, action_batch)
        next_state_values = torch.zeros(BATCH_SIZE)
        with torch.no_grad():
            next_state_values[non_final_mask] = target_net(non_final_next_states).max(1)[0]
        expected_state_action_values = (next_state_values * GAMMA) + reward_batch
        criterion = nn.SmoothL1Loss()
        loss = criterion(state_action_values, expected_state_action_values.unsqueeze(1))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_value_(policy_net.parameters(), 100)
        optimizer.step()
        target_net_state_dict = target_net.state_dict()
        policy_net_state_dict = policy_net.state_dict()
        for key in policy_net_state_dict:
            target_net_state_dict[key] = policy_net_state_dict[key] * TAU + target_net_state_dict[key] * (1 - TAU)
        target_net.load_state_dict(target_net_state_dict)
        rec['losses'].append(loss.item())
        if k == 0:
            rec.update({'mask': non_final_mask, 'non_final': non_final_next_states, 'sav': state_action_values,
                        'nsv': next_state_values, 'expected': expected_state_action_values, 'loss': loss,
                        'l1_grad': policy_net.layer1.weight.grad.clone(), 'l3_bgrad': policy_net.layer3.bias.grad.clone(),
                        'sd_keys': list(policy_net_state_dict.keys()), 'sd_requires_grad': policy_net_state_dict['layer1.weight'].requires_grad})
    state_b = torch.cat([t[0] for t in transitions_of(0)])
    rec.update({'policy_l1': policy_net.layer1.weight, 'policy_l3_b': policy_net.layer3.bias, 'target_l1': target_net.layer1.weight,
                'target_l3_b': target_net.layer3.bias, 'amsgrad_state': sorted(optimizer.state_dict()['state'][0].keys()),
                'gather_int32': err(lambda: policy_net(state_b).gather(1, torch.zeros(5, 1, dtype=torch.int32))),
                'gather_float': err(lambda: policy_net(state_b).gather(1, torch.zeros(5, 1))),
                'gather_1d': err(lambda: policy_net(state_b).gather(1, torch.zeros(5, dtype=torch.long))),
                'gather_oob': err(lambda: policy_net(state_b).gather(1, torch.full((5, 1), 2))),
                'smooth_l1_bcast': criterion(state_action_values, expected_state_action_values),
                'item_many': err(lambda: policy_net(state_b).max(1)[1].item())})
    return rec


torch.manual_seed(331)
fixed_sd('dqn_l1', nn.Linear(4, 2))


@lesson
def s_common_mistakes():
    """What these tutorials' typical slips raise (shapes into cat/Linear, dims, views, optimizers given the wrong thing),
    and the gradient clipping a learner adds (clip_grad_value_ that clips, an inf-norm clip_grad_norm_)."""
    m = nn.Linear(4, 2)
    m.load_state_dict(SD('dqn_l1'))
    x = I('dqn_states')[:3]
    p = nn.Parameter(torch.zeros(3))
    p.grad = torch.tensor([-3.0, 0.5, 2.0])
    torch.nn.utils.clip_grad_value_([p], 1.0)
    q = nn.Parameter(torch.zeros(3))
    q.grad = torch.tensor([-3.0, 0.5, 2.0])
    total = torch.nn.utils.clip_grad_norm_([q], 1.0, norm_type=float('inf'))
    mx = torch.tensor([[1.0, 5.0], [7.0, 2.0]]).max(1)

    def no_grad_backward():
        with torch.no_grad():
            m(x).sum().backward()
    return {'cat_dims': err(lambda: torch.cat([torch.zeros(1, 4), torch.zeros(4)])),
            'cat_sizes': err(lambda: torch.cat([torch.zeros(1, 4), torch.zeros(1, 3)])),
            'softmax_dim': err(lambda: F.softmax(torch.zeros(2, 3, 4), dim=3)),
            'view_noncontig': err(lambda: torch.zeros(2, 3).t().view(-1)),
            'backward_nonscalar': err(lambda: m(x).backward()),
            'adam_module': err(lambda: optim.Adam(m, lr=0.1)), 'adam_tensor': err(lambda: optim.Adam(m.weight, lr=0.1)),
            'adam_empty': err(lambda: optim.Adam([], lr=0.1)), 'linear_in': err(lambda: m(torch.zeros(3, 5))),
            'ce_float_idx': err(lambda: F.cross_entropy(torch.zeros(3, 2), torch.zeros(3))),
            'topk_dim': err(lambda: torch.zeros(2, 3).topk(1, dim=5)), 'clip_value': p.grad, 'clip_inf_total': total, 'clip_inf': q.grad,
            'max_values': mx.values, 'max_indices': mx.indices, 'max_0': mx[0], 'leaky_neg': nn.LeakyReLU(-0.1)(torch.tensor([-1.0, 1.0])),
            'bce_logits_shape': err(lambda: F.binary_cross_entropy_with_logits(torch.zeros(3, 1), torch.zeros(3))),
            'no_grad_backward': err(no_grad_backward), 'mse_long_target': F.mse_loss(m(x), torch.zeros(3, 2, dtype=torch.long).float())}


# .item() of a tensor with several elements: 2.x's words (c10 Scalar conversion), 1.13 raised ValueError.
CURRENT['s_dqn_optimize'] = {'item_many': {'$error': {'name': 'RuntimeError', 'message': 'a Tensor with 5 elements cannot be converted to Scalar'}}}
