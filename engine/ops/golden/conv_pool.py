# Golden values for engine/ops/conv.test.ts: conv2d and pooling cases beyond engine/test/golden.
# Run: /usr/bin/python3 engine/ops/golden/conv_pool.py engine/ops/golden/conv_pool.json
import torch, json, sys
torch.manual_seed(0)
cases = []
def add(name, fn, inputs):
    xs = [t.clone().double().requires_grad_(True) for t in inputs]
    out = fn(*xs)
    if isinstance(out, tuple): out = out[0]
    u = torch.randn_like(out)
    (out * u).sum().backward()
    r = lambda t: [float("%.10g" % v) for v in t.detach().flatten().tolist()]
    cases.append(dict(name=name, inputs=[r(x) for x in xs], shapes=[list(x.shape) for x in xs], out=r(out), oshape=list(out.shape), u=r(u), grads=[r(x.grad) for x in xs]))
F = torch.nn.functional
x = (torch.randn(2, 4, 7, 6) * 100).round() / 100; w = torch.randn(6, 2, 3, 2); b = torch.randn(6)
add('conv_g2_s2_p1_d1', lambda x, w, b: F.conv2d(x, w, b, stride=(2, 1), padding=1, groups=2), [x, w, b])
w2 = torch.randn(3, 4, 3, 3)
add('conv_same_d2', lambda x, w: F.conv2d(x, w, None, padding='same', dilation=2), [x, w2])
w3 = torch.randn(3, 4, 2, 4)
add('conv_same_even', lambda x, w: F.conv2d(x, w, None, padding='same'), [x, w3])
w4 = torch.randn(5, 4, 1, 1)
add('conv_1x1', lambda x, w: F.conv2d(x, w), [x, w4])
add('maxpool_k3_s2_p1_ceil', lambda x: F.max_pool2d(x, 3, 2, 1, ceil_mode=True), [x])
add('maxpool_dil2', lambda x: F.max_pool2d(x, 2, 1, 1, dilation=2), [x])
add('avgpool_ceil_excl', lambda x: F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False), [x])
add('avgpool_ceil_incl', lambda x: F.avg_pool2d(x, 3, 2, 1, ceil_mode=True), [x])
add('avgpool_div', lambda x: F.avg_pool2d(x, 2, divisor_override=3), [x])
add('adaptive_avg_3x4', lambda x: F.adaptive_avg_pool2d(x, (3, 4)), [x])
add('adaptive_max_3x4', lambda x: F.adaptive_max_pool2d(x, (3, 4)), [x])
add('adaptive_avg_none', lambda x: F.adaptive_avg_pool2d(x, (None, 2)), [x])
xt = (torch.randn(2, 4, 3, 5) * 100).round() / 100
wt = (torch.randn(4, 3, 3, 2) * 100).round() / 100
add('convT_s2_p1_op1_g2_d1', lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1, groups=2), [xt, wt, torch.randn(6)])
add('convT_dil2', lambda x, w: F.conv_transpose2d(x, w, None, stride=(1, 2), padding=(0, 1), dilation=2), [xt, wt])
x1 = (torch.randn(2, 4, 9) * 100).round() / 100
w1 = (torch.randn(6, 2, 3) * 100).round() / 100
add('conv1d_s2_p1_g2', lambda x, w, b: F.conv1d(x, w, b, stride=2, padding=1, groups=2), [x1, w1, torch.randn(6)])
add('maxpool1d_k3_s2_p1', lambda x: F.max_pool1d(x, 3, 2, 1), [x1])
add('avgpool1d_k2', lambda x: F.avg_pool1d(x, 2), [x1])
add('adaptive_avg1d_4', lambda x: F.adaptive_avg_pool1d(x, 4), [x1])
json.dump(cases, open(sys.argv[1], 'w'))
