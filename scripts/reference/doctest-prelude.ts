// The names reference examples may use without defining them: every doctest runs after this
// cell, and docs/reference/README.md shows it.
/** Names an example may use without defining them. */
export const PRELUDE = `torch.manual_seed(0);
const t = torch.tensor([[1., 2., 3.], [4., 5., 6.]]);
const x = torch.randn([4, 3]), y = torch.randn([4, 2]);
const a = torch.randn([4, 3]), b = torch.randn([4, 3]);
const m = torch.randn([3, 3]);
const w = torch.randn([3, 2]), bias = torch.randn([2]);
const mask = x.gt(0), scores = torch.randn([4, 3]), idx = torch.tensor([0, 2]);
const img = torch.rand([3, 8, 8]), imgs = torch.rand([2, 3, 8, 8]);
const labels = torch.tensor([3, 1, 3, 0, 1]);
const model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2));
const layer = nn.Linear(3, 2);
const optimizer = optim.SGD(model.parameters(), { lr: 0.01 });
const lr = 0.01;
const logits = torch.randn([4, 5]), target = torch.tensor([1, 0, 4, 2]);
const logp = logits.log_softmax(1);
const t_u = torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3]), t_c = torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0]);
const t_p = t_u.mul(0.5).sub(17);`;
