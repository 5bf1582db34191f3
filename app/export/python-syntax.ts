// Python's side of the translation: operator precedence, the operator and namespace tables,
// and small predicates on the parse tree that both the expression and statement writers use.
import type * as E from 'estree';

type N = E.Node;

// Python precedence, higher binds tighter.
export const PREC: Record<string, number> = {
  lambda: 1, ifelse: 2, or: 3, and: 4, not: 5, cmp: 6, '|': 7, '^': 8, '&': 9, shift: 10, '+': 11, '-': 11,
  '*': 12, '/': 12, '//': 12, '%': 12, '@': 12, unary: 13, '**': 14, atom: 16,
};

export const BIN: Record<string, [string, number]> = {
  '+': ['+', PREC['+']], '-': ['-', PREC['-']], '*': ['*', PREC['*']], '/': ['/', PREC['/']], '%': ['%', PREC['%']], '**': ['**', PREC['**']],
  '===': ['==', PREC.cmp], '==': ['==', PREC.cmp], '!==': ['!=', PREC.cmp], '!=': ['!=', PREC.cmp],
  '<': ['<', PREC.cmp], '<=': ['<=', PREC.cmp], '>': ['>', PREC.cmp], '>=': ['>=', PREC.cmp],
  '&': ['&', PREC['&']], '|': ['|', PREC['|']], '^': ['^', PREC['^']], '<<': ['<<', PREC.shift], '>>': ['>>', PREC.shift],
  instanceof: ['isinstance', PREC.atom], in: ['in', PREC.cmp],
};

/** Namespaces renamed on the way to Python. */
export const NAMESPACES: Record<string, string> = {
  models: 'torchvision.models',
  datasets: 'torchvision.datasets',
  utils: 'torch.utils',
  'Math.PI': 'math.pi',
  'Math.E': 'math.e',
};

export const DICT_TAKERS = new Set(['nn.Sequential', 'nn.ModuleDict', 'nn.ParameterDict', 'load_state_dict', 'OrderedDict', 'dict', 'display', 'update_display', 'print', 'console.log']);

export function quote(s: string): string {
  const body = s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return `'${body}'`;
}

export function dotted(n: N): string | null {
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'self';
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    const o = dotted(n.object as N);
    return o === null ? null : `${o}.${n.property.name}`;
  }
  return null;
}

export const isOptionsObject = (n: N): n is E.ObjectExpression =>
  n.type === 'ObjectExpression' && n.properties.length > 0 && n.properties.every((p) => p.type === 'Property' && !p.computed && (p.key.type === 'Identifier' || p.key.type === 'Literal'));

export const keyName = (p: E.Property) => (p.key.type === 'Identifier' ? p.key.name : String((p.key as E.Literal).value));

