"""Golden values for the order of tied values in sort/argsort (and the index kthvalue, median and mode
report among ties) -> engine/test/golden/sort_ties.json.

PyTorch's CPU sort with stable=False (the default of `sort` and `argsort`) runs libstdc++'s std::sort
over (value, index) pairs: lanes of up to 16 elements come out stable (insertion sort), longer ones
in introsort's order of ties. The engine reproduces it (engine/ops/topk-order.ts `unstableSortOrder`);
stable=True keeps ties in input order. Inputs are small integers (many ties) and NaN."""
import torch

from common import write

torch.set_num_threads(1)
torch.manual_seed(1)


def lane(x):
    out = {'x': [None if v != v else v for v in x.tolist()], 'int': not x.dtype.is_floating_point}
    for desc in (False, True):
        key = 'desc' if desc else 'asc'
        idx = torch.sort(x, descending=desc).indices
        assert torch.equal(idx, torch.argsort(x, descending=desc))
        out[key] = idx.tolist()
        out[key + '_stable'] = torch.sort(x, descending=desc, stable=True).indices.tolist()
    return out


cases = []
for n in [3, 16, 17, 20, 33, 64, 100, 257, 1000]:
    cases.append(lane(torch.randint(0, 3, (n,)).float()))
    if n <= 257:
        cases.append(lane(torch.randint(0, 2, (n,))))
        x = torch.randint(0, 4, (n,)).float()
        x[x == 3] = float('nan')
        cases.append(lane(x))

x2 = torch.randint(0, 3, (3, 40)).float()
two = {'x': x2.tolist(), 'dim1': x2.sort(dim=1).indices.tolist(), 'dim0': x2.sort(dim=0).indices.tolist(),
       'dim1_desc': x2.sort(1, True).indices.tolist()}

# kthvalue (its own quickselect), median along a dim (std::nth_element) and mode (std::sort, then the
# last pair of the longest run): which index a tie reports
torch.manual_seed(3)
picks = []
for n in [1, 2, 3, 5, 7, 16, 17, 40, 100]:
    for kind in ['f3', 'nan', 'i2']:
        if kind == 'f3':
            x = torch.randint(0, 3, (n,)).float()
        elif kind == 'i2':
            x = torch.randint(0, 2, (n,))
        else:
            x = torch.randint(0, 4, (n,)).float()
            x[x == 3] = float('nan')
        ks = sorted(set([1, n, (n + 1) // 2, max(1, n // 3)]))
        picks.append({'x': [None if v != v else v for v in x.tolist()], 'int': kind == 'i2',
                      'kthvalue': [[k, x.kthvalue(k).indices.item()] for k in ks],
                      'median': x.median(0).indices.item(), 'mode': x.mode().indices.item()})

write('sort_ties.json', {'_script': __file__, 'cases': cases, 'two_d': two, 'picks': picks})
