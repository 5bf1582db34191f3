"""Family `s2` (issue 15's trust sweep, round 2; `s` continued): the seq2seq-with-attention and Transformer
language-model tutorials' programs as a learner writes them (see lessons.py for the format). Tiny sizes so
the tests stay fast: seq2seq with 6/7-word vocabularies, hidden 4 (tutorial 128), MAX_LENGTH 3 (10), a
batch of 2; the Transformer with 10 tokens (the vocabulary of WikiText-2), d_model 8 (200), 2 heads, d_hid
16, bptt 3 (35). Dropout is 0 in training (a random mask cannot be compared), as the ported notes say.
"""
import math

import torch
import torch.nn.functional as F
import torch.optim as optim
from torch import nn

from lessons import I, SD, err, fixed, fixed_sd, lesson, randn

# ---- seq2seq with Bahdanau attention ---------------------------------------------------------
SOS_token, EOS_token, MAX_LENGTH = 0, 1, 3
IN_WORDS, OUT_WORDS, hidden_size = 6, 7, 4


class EncoderRNN(nn.Module):
    def __init__(self, input_size, hidden_size, dropout_p=0.1):
        super(EncoderRNN, self).__init__()
        self.hidden_size = hidden_size
        self.embedding = nn.Embedding(input_size, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size, batch_first=True)
        self.dropout = nn.Dropout(dropout_p)

    def forward(self, input):
        embedded = self.dropout(self.embedding(input))
        output, hidden = self.gru(embedded)
        return output, hidden


class BahdanauAttention(nn.Module):
    def __init__(self, hidden_size):
        super(BahdanauAttention, self).__init__()
        self.Wa = nn.Linear(hidden_size, hidden_size)
        self.Ua = nn.Linear(hidden_size, hidden_size)
        self.Va = nn.Linear(hidden_size, 1)

    def forward(self, query, keys):
        scores = self.Va(torch.tanh(self.Wa(query) + self.Ua(keys)))
        scores = scores.squeeze(2).unsqueeze(1)
        weights = F.softmax(scores, dim=-1)
        context = torch.bmm(weights, keys)
        return context, weights


class AttnDecoderRNN(nn.Module):
    def __init__(self, hidden_size, output_size, dropout_p=0.1):
        super(AttnDecoderRNN, self).__init__()
        self.embedding = nn.Embedding(output_size, hidden_size)
        self.attention = BahdanauAttention(hidden_size)
        self.gru = nn.GRU(2 * hidden_size, hidden_size, batch_first=True)
        self.out = nn.Linear(hidden_size, output_size)
        self.dropout = nn.Dropout(dropout_p)

    def forward(self, encoder_outputs, encoder_hidden, target_tensor=None):
        batch_size = encoder_outputs.size(0)
        decoder_input = torch.empty(batch_size, 1, dtype=torch.long).fill_(SOS_token)
        decoder_hidden = encoder_hidden
        decoder_outputs = []
        attentions = []
        for i in range(MAX_LENGTH):
            decoder_output, decoder_hidden, attn_weights = self.forward_step(decoder_input, decoder_hidden, encoder_outputs)
            decoder_outputs.append(decoder_output)
            attentions.append(attn_weights)
            if target_tensor is not None:
                decoder_input = target_tensor[:, i].unsqueeze(1)  # Teacher forcing
            else:
                _, topi = decoder_output.topk(1)
                decoder_input = topi.squeeze(-1).detach()
        decoder_outputs = torch.cat(decoder_outputs, dim=1)
        decoder_outputs = F.log_softmax(decoder_outputs, dim=-1)
        attentions = torch.cat(attentions, dim=1)
        return decoder_outputs, decoder_hidden, attentions

    def forward_step(self, input, hidden, encoder_outputs):
        embedded = self.dropout(self.embedding(input))
        query = hidden.permute(1, 0, 2)
        context, attn_weights = self.attention(query, encoder_outputs)
        input_gru = torch.cat((embedded, context), dim=2)
        output, hidden = self.gru(input_gru, hidden)
        output = self.out(output)
        return output, hidden, attn_weights


torch.manual_seed(401)
fixed_sd('s2s_enc', EncoderRNN(IN_WORDS, hidden_size))
fixed_sd('s2s_dec', AttnDecoderRNN(hidden_size, OUT_WORDS))
fixed('s2s_in', torch.tensor([[2, 3, 1], [4, 5, 1]]))
fixed('s2s_out', torch.tensor([[3, 2, 1], [6, 4, 1]]))


@lesson
def s2_seq2seq_attention():
    # dropout_p=0: the tutorial's 0.1 draws a random mask in training
    encoder = EncoderRNN(IN_WORDS, hidden_size, dropout_p=0.0)
    decoder = AttnDecoderRNN(hidden_size, OUT_WORDS, dropout_p=0.0)
    encoder.load_state_dict(SD('s2s_enc'))
    decoder.load_state_dict(SD('s2s_dec'))
    encoder_optimizer = optim.Adam(encoder.parameters(), lr=0.001)
    decoder_optimizer = optim.Adam(decoder.parameters(), lr=0.001)
    criterion = nn.NLLLoss()
    input_tensor, target_tensor = I('s2s_in'), I('s2s_out')
    rec = {'losses': []}
    for step in range(2):
        encoder_optimizer.zero_grad()
        decoder_optimizer.zero_grad()
        encoder_outputs, encoder_hidden = encoder(input_tensor)
        decoder_outputs, _, attentions = decoder(encoder_outputs, encoder_hidden, target_tensor)
        loss = criterion(decoder_outputs.view(-1, decoder_outputs.size(-1)), target_tensor.view(-1))
        loss.backward()
        encoder_optimizer.step()
        decoder_optimizer.step()
        rec['losses'].append(loss.item())
        if step == 0:
            rec.update({'enc_out': encoder_outputs, 'enc_hidden': encoder_hidden, 'dec_out': decoder_outputs, 'attn': attentions,
                        'loss': loss, 'emb_grad': encoder.embedding.weight.grad.clone(), 'Va_grad': decoder.attention.Va.weight.grad.clone(),
                        'gru_grad': decoder.gru.weight_hh_l0.grad.clone()})
    with torch.no_grad():
        encoder_outputs, encoder_hidden = encoder(input_tensor)
        decoder_outputs, decoder_hidden, decoder_attn = decoder(encoder_outputs, encoder_hidden)
        topv, topi = decoder_outputs.topk(1)
        decoded_ids = topi.squeeze()
        step_out = decoder.forward_step(torch.tensor([[SOS_token], [SOS_token]]), encoder_hidden, encoder_outputs)
    one_topv, one_topi = step_out[0].topk(1)
    rec.update({'enc_emb': encoder.embedding.weight, 'dec_out_w': decoder.out.weight, 'Ua_b': decoder.attention.Ua.bias,
                'eval_out': decoder_outputs, 'eval_hidden': decoder_hidden, 'eval_attn': decoder_attn, 'topv': topv, 'topi': topi,
                'decoded_ids': decoded_ids, 'decoded_list': decoded_ids.tolist(), 'one_topi': one_topi.squeeze(-1).detach(), 'one_topv': one_topv,
                'word_oob': err(lambda: encoder(torch.tensor([[IN_WORDS]]))),
                'float_words': err(lambda: encoder(torch.tensor([[1.0, 2.0]]))),
                'nll_3d': err(lambda: criterion(decoder_outputs, target_tensor)),
                'bmm_2d': err(lambda: torch.bmm(torch.zeros(2, 3), torch.zeros(3, 2))),
                'bmm_batch': err(lambda: torch.bmm(torch.zeros(2, 1, 3), torch.zeros(3, 3, 4))),
                'gru_wrong_size': err(lambda: decoder.gru(torch.zeros(2, 1, hidden_size), encoder_hidden)),
                'squeeze_size1': torch.zeros(2, 1).squeeze().shape, 'topk_too_big': err(lambda: torch.zeros(2, 3).topk(4))})
    return rec


# ---- Transformer language model --------------------------------------------------------------
ntokens, emsize, d_hid, nlayers, nhead, bptt = 10, 8, 16, 2, 2, 3


class PositionalEncoding(nn.Module):
    def __init__(self, d_model, dropout=0.1, max_len=5000):
        super().__init__()
        self.dropout = nn.Dropout(p=dropout)
        position = torch.arange(max_len).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
        pe = torch.zeros(max_len, 1, d_model)
        pe[:, 0, 0::2] = torch.sin(position * div_term)
        pe[:, 0, 1::2] = torch.cos(position * div_term)
        self.register_buffer('pe', pe)

    def forward(self, x):
        x = x + self.pe[:x.size(0)]
        return self.dropout(x)


class TransformerModel(nn.Module):
    def __init__(self, ntoken, d_model, nhead, d_hid, nlayers, dropout=0.5):
        super().__init__()
        self.model_type = 'Transformer'
        self.pos_encoder = PositionalEncoding(d_model, dropout, max_len=16)
        encoder_layers = nn.TransformerEncoderLayer(d_model, nhead, d_hid, dropout)
        self.transformer_encoder = nn.TransformerEncoder(encoder_layers, nlayers)
        self.encoder = nn.Embedding(ntoken, d_model)
        self.d_model = d_model
        self.decoder = nn.Linear(d_model, ntoken)
        self.init_weights()

    def init_weights(self):
        initrange = 0.1
        self.encoder.weight.data.uniform_(-initrange, initrange)
        self.decoder.bias.data.zero_()
        self.decoder.weight.data.uniform_(-initrange, initrange)

    def forward(self, src, src_mask):
        src = self.encoder(src) * math.sqrt(self.d_model)
        src = self.pos_encoder(src)
        output = self.transformer_encoder(src, src_mask)
        output = self.decoder(output)
        return output


def generate_square_subsequent_mask(sz):
    return torch.triu(torch.ones(sz, sz) * float('-inf'), diagonal=1)


def batchify(data, bsz):
    seq_len = data.size(0) // bsz
    data = data[:seq_len * bsz]
    data = data.view(bsz, seq_len).t().contiguous()
    return data


def get_batch(source, i):
    seq_len = min(bptt, len(source) - 1 - i)
    data = source[i:i + seq_len]
    target = source[i + 1:i + 1 + seq_len].reshape(-1)
    return data, target


torch.manual_seed(411)
fixed_sd('tlm', TransformerModel(ntokens, emsize, nhead, d_hid, nlayers, 0.0))
fixed('tlm_train', torch.randint(0, ntokens, (15,), generator=torch.Generator().manual_seed(412)))
fixed('tlm_val', torch.randint(0, ntokens, (8,), generator=torch.Generator().manual_seed(413)))


@lesson
def s2_transformer_lm():
    model = TransformerModel(ntokens, emsize, nhead, d_hid, nlayers, 0.0)  # dropout 0 (tutorial 0.2): no random mask
    uniform_range = [float(model.encoder.weight.min()) >= -0.1, float(model.encoder.weight.max()) <= 0.1, bool((model.decoder.bias == 0).all())]
    model.load_state_dict(SD('tlm'))
    train_data = batchify(I('tlm_train'), 2)
    val_data = batchify(I('tlm_val'), 2)
    criterion = nn.CrossEntropyLoss()
    lr = 5.0
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 1.0, gamma=0.95)
    src_mask = generate_square_subsequent_mask(bptt)
    pe = model.pos_encoder.pe
    rec = {'uniform_range': uniform_range, 'train_data': train_data, 'src_mask': src_mask,
           'mask_static': nn.Transformer.generate_square_subsequent_mask(bptt), 'pe': pe[:4, 0], 'pe_shape': pe.shape,
           'buffers': [n for n, _ in model.named_buffers()], 'sd_has_pe': 'pos_encoder.pe' in model.state_dict(),
           'n_params': sum(p.numel() for p in model.parameters()), 'losses': [], 'lrs': [], 'norms': []}
    model.train()
    for batch, i in enumerate(range(0, train_data.size(0) - 1, bptt)):
        data, targets = get_batch(train_data, i)
        seq_len = data.size(0)
        if seq_len != bptt:
            src_mask = src_mask[:seq_len, :seq_len]
        output = model(data, src_mask)
        loss = criterion(output.view(-1, ntokens), targets)
        optimizer.zero_grad()
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5)
        optimizer.step()
        rec['losses'].append(loss.item())
        rec['norms'].append(norm)
        if batch == 0:
            rec.update({'data': data, 'targets': targets, 'output': output, 'emb_grad': model.encoder.weight.grad.clone(),
                        'in_proj_grad': model.transformer_encoder.layers[0].self_attn.in_proj_weight.grad.clone()})
    scheduler.step()
    rec['lrs'] = [scheduler.get_last_lr()[0], optimizer.param_groups[0]['lr']]
    model.eval()
    total_loss = 0.
    with torch.no_grad():
        for i in range(0, val_data.size(0) - 1, bptt):
            data, targets = get_batch(val_data, i)
            seq_len = data.size(0)
            output = model(data, generate_square_subsequent_mask(bptt)[:seq_len, :seq_len])
            output_flat = output.view(-1, ntokens)
            total_loss += seq_len * criterion(output_flat, targets).item()
    val_loss = total_loss / (len(val_data) - 1)
    rec.update({'val_loss': val_loss, 'val_ppl': math.exp(val_loss), 'eval_output': output, 'dec_w': model.decoder.weight,
                'enc_w': model.encoder.weight, 'l1_lin2_b': model.transformer_encoder.layers[1].linear2.bias,
                'l0_norm1_w': model.transformer_encoder.layers[0].norm1.weight,
                'div_term': torch.exp(torch.arange(0, emsize, 2) * (-math.log(10000.0) / emsize)),
                'position_dtype': torch.arange(5).unsqueeze(1).dtype,
                'heads_indivisible': err(lambda: nn.TransformerEncoderLayer(6, 4)),
                'float_tokens': err(lambda: model(data.float(), src_mask)),
                'mask_wrong_size': err(lambda: model(data, generate_square_subsequent_mask(bptt + 1))),
                'ce_flat_targets': err(lambda: criterion(output, targets))})
    return rec
