"""Attention models: ViT, ConvNeXt-tiny (its block is a transformer MLP around a conv),
and BERT-, DistilBERT- and GPT-2-style text models for dynamic quantization.

Written from Dosovitskiy et al. 2021 / Touvron et al. 2021 (ViT, DeiT-tiny config),
Liu et al. 2022 (ConvNeXt), Devlin et al. 2019 (BERT), Sanh et al. 2019 (DistilBERT)
and Radford et al. 2019 (GPT-2). Attention is written out as users and the reference
implementations write it: q/k/v linears, view and transpose to heads, `matmul`, scale,
mask, `softmax`, `matmul`, merge heads, output linear. Every model has its published
number of layers; the text models are narrower (hidden 128, 4 heads, vocabulary 1000,
at most 64 positions) so that dynamic quantization of their weights stays cheap.
"""

from __future__ import annotations

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

# ----------------------------------------------------------------------------- ViT


class SelfAttention(nn.Module):
    """Multi-head self-attention with a fused qkv linear, as ViT/DeiT write it."""

    def __init__(self, dim: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, tokens, dim = x.shape
        qkv = self.qkv(x).reshape(batch, tokens, 3, self.heads, dim // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attention = torch.matmul(q, k.transpose(-2, -1)) * self.scale
        attention = attention.softmax(dim=-1)
        x = torch.matmul(attention, v).transpose(1, 2).reshape(batch, tokens, dim)
        return self.proj(x)


class EncoderBlock(nn.Module):
    """Pre-norm transformer block: x + attn(ln(x)), x + mlp(ln(x)) with GELU."""

    def __init__(self, dim: int, heads: int, mlp_ratio: int = 4) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = SelfAttention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.fc1 = nn.Linear(dim, dim * mlp_ratio)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(dim * mlp_ratio, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x))
        return x + self.fc2(self.act(self.fc1(self.norm2(x))))


class VisionTransformer(nn.Module):
    """ViT-Ti/16 (DeiT-tiny): 16x16 patch conv, class token, learned positions,
    12 blocks of width 192 with 3 heads, final layer norm, head on the class token."""

    def __init__(self, image_size: int = 64, patch: int = 16, dim: int = 192, depth: int = 12, heads: int = 3,
                 num_classes: int = 1000) -> None:
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, patch, patch)
        self.cls_token = nn.Parameter(torch.randn(1, 1, dim) * 0.02)
        self.pos_embed = nn.Parameter(torch.randn(1, (image_size // patch) ** 2 + 1, dim) * 0.02)
        self.blocks = nn.Sequential(*[EncoderBlock(dim, heads) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Linear(dim, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.patch_embed(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        x = self.norm(self.blocks(x))
        return self.head(x[:, 0])


# ------------------------------------------------------------------------ ConvNeXt


class LayerNorm2d(nn.LayerNorm):
    """Layer norm over the channels of an NCHW tensor (permute, normalize, permute back)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.permute(0, 2, 3, 1)
        x = F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)
        return x.permute(0, 3, 1, 2)


class ConvNeXtBlock(nn.Module):
    """7x7 depthwise conv, channels-last layer norm, linear 4x, GELU, linear, layer scale, residual."""

    def __init__(self, dim: int) -> None:
        super().__init__()
        self.dwconv = nn.Conv2d(dim, dim, 7, padding=3, groups=dim)
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.pwconv1 = nn.Linear(dim, 4 * dim)
        self.act = nn.GELU()
        self.pwconv2 = nn.Linear(4 * dim, dim)
        self.layer_scale = nn.Parameter(torch.full((dim, 1, 1), 1e-6))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.dwconv(x).permute(0, 2, 3, 1)
        y = self.pwconv2(self.act(self.pwconv1(self.norm(y)))).permute(0, 3, 1, 2)
        return x + self.layer_scale * y  # stochastic depth is the identity in eval mode


class ConvNeXtTiny(nn.Module):
    """ConvNeXt-T: 4x4 patchify stem, stages of 3, 3, 9, 3 blocks with layer-norm +
    2x2 strided conv downsampling, pool, layer norm, flatten, linear. Quarter width
    (dims 24-48-96-192; 2.0 M parameters instead of 28.6 M)."""

    def __init__(self, dims: tuple[int, ...] = (24, 48, 96, 192), depths: tuple[int, ...] = (3, 3, 9, 3),
                 num_classes: int = 1000) -> None:
        super().__init__()
        layers: list[nn.Module] = [nn.Sequential(nn.Conv2d(3, dims[0], 4, 4), LayerNorm2d(dims[0], eps=1e-6))]
        for index, (dim, depth) in enumerate(zip(dims, depths)):
            if index:
                layers.append(nn.Sequential(LayerNorm2d(dims[index - 1], eps=1e-6),
                                            nn.Conv2d(dims[index - 1], dim, 2, 2)))
            layers.append(nn.Sequential(*[ConvNeXtBlock(dim) for _ in range(depth)]))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(LayerNorm2d(dims[-1], eps=1e-6), nn.Flatten(1),
                                        nn.Linear(dims[-1], num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.avgpool(self.features(x)))


# -------------------------------------------------------------------- text models

VOCABULARY = 1000
"""Vocabulary of the text models (BERT's is 30522, GPT-2's 50257)."""


class BertSelfAttention(nn.Module):
    """BERT attention: separate query/key/value linears, additive mask, softmax."""

    def __init__(self, hidden: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.head_size = hidden // heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.dropout = nn.Dropout(0.1)

    def split_heads(self, x: torch.Tensor) -> torch.Tensor:
        return x.view(x.size(0), x.size(1), self.heads, self.head_size).permute(0, 2, 1, 3)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        q, k, v = self.split_heads(self.query(hidden)), self.split_heads(self.key(hidden)), \
            self.split_heads(self.value(hidden))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_size) + mask
        probabilities = self.dropout(F.softmax(scores, dim=-1))
        context = torch.matmul(probabilities, v).permute(0, 2, 1, 3).contiguous()
        return context.view(context.size(0), context.size(1), -1)


class BertLayer(nn.Module):
    """Post-norm BERT layer: attention, dense + residual + layer norm, GELU MLP, same again."""

    def __init__(self, hidden: int, heads: int, intermediate: int) -> None:
        super().__init__()
        self.attention = BertSelfAttention(hidden, heads)
        self.attention_output = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.intermediate = nn.Linear(hidden, intermediate)
        self.output = nn.Linear(intermediate, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(0.1)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        attended = self.dropout(self.attention_output(self.attention(hidden, mask)))
        hidden = self.attention_norm(attended + hidden)
        expanded = self.dropout(self.output(F.gelu(self.intermediate(hidden))))
        return self.output_norm(expanded + hidden)


class BertEncoder(nn.Module):
    """BERT-base's structure (word + position + token-type embeddings, layer norm,
    12 post-norm layers, tanh pooler on the first token) at hidden 128, 4 heads,
    intermediate 512. Input: token ids; the mask is all ones (no padding)."""

    def __init__(self, hidden: int = 128, layers: int = 12, heads: int = 4, intermediate: int = 512,
                 max_positions: int = 64) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(VOCABULARY, hidden)
        self.position_embeddings = nn.Embedding(max_positions, hidden)
        self.token_type_embeddings = nn.Embedding(2, hidden)
        self.embedding_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(0.1)
        self.layers = nn.ModuleList([BertLayer(hidden, heads, intermediate) for _ in range(layers)])
        self.pooler = nn.Linear(hidden, hidden)

    def forward(self, input_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        length = input_ids.size(1)
        positions = torch.arange(length, dtype=torch.long, device=input_ids.device).unsqueeze(0)
        token_types = torch.zeros_like(input_ids)
        hidden = self.word_embeddings(input_ids) + self.position_embeddings(positions) \
            + self.token_type_embeddings(token_types)
        hidden = self.dropout(self.embedding_norm(hidden))
        attention_mask = torch.ones_like(input_ids)
        mask = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * -10000.0
        for layer in self.layers:
            hidden = layer(hidden, mask)
        return hidden, torch.tanh(self.pooler(hidden[:, 0]))


class DistilBertLayer(nn.Module):
    """DistilBERT layer: q/k/v/out linears, masked_fill mask, post-norm, GELU FFN."""

    def __init__(self, hidden: int, heads: int, intermediate: int) -> None:
        super().__init__()
        self.heads = heads
        self.q_lin = nn.Linear(hidden, hidden)
        self.k_lin = nn.Linear(hidden, hidden)
        self.v_lin = nn.Linear(hidden, hidden)
        self.out_lin = nn.Linear(hidden, hidden)
        self.sa_layer_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.lin1 = nn.Linear(hidden, intermediate)
        self.lin2 = nn.Linear(intermediate, hidden)
        self.output_layer_norm = nn.LayerNorm(hidden, eps=1e-12)

    def shape(self, y: torch.Tensor) -> torch.Tensor:
        return y.view(y.size(0), -1, self.heads, y.size(2) // self.heads).transpose(1, 2)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.size()
        q = self.shape(self.q_lin(x)) / math.sqrt(hidden // self.heads)
        scores = torch.matmul(q, self.shape(self.k_lin(x)).transpose(2, 3))
        scores = scores.masked_fill(mask.view(batch, 1, 1, length) == 0, -3.4028234663852886e38)
        context = torch.matmul(F.softmax(scores, dim=-1), self.shape(self.v_lin(x)))
        context = context.transpose(1, 2).contiguous().view(batch, -1, hidden)
        x = self.sa_layer_norm(self.out_lin(context) + x)
        return self.output_layer_norm(self.lin2(F.gelu(self.lin1(x))) + x)


class DistilBert(nn.Module):
    """DistilBERT's structure (word + position embeddings, layer norm, 6 layers) at
    hidden 128, 4 heads, intermediate 512. Input: token ids."""

    def __init__(self, hidden: int = 128, layers: int = 6, heads: int = 4, intermediate: int = 512,
                 max_positions: int = 64) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(VOCABULARY, hidden)
        self.position_embeddings = nn.Embedding(max_positions, hidden)
        self.embedding_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.layers = nn.ModuleList([DistilBertLayer(hidden, heads, intermediate) for _ in range(layers)])

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.size(1), dtype=torch.long, device=input_ids.device).unsqueeze(0)
        hidden = self.embedding_norm(self.word_embeddings(input_ids) + self.position_embeddings(positions))
        mask = torch.ones_like(input_ids)
        for layer in self.layers:
            hidden = layer(hidden, mask)
        return hidden


class Gpt2Block(nn.Module):
    """Pre-norm GPT-2 block: fused qkv linear, causal mask from a tril buffer, tanh-GELU MLP."""

    def __init__(self, hidden: int, heads: int, max_positions: int) -> None:
        super().__init__()
        self.heads = heads
        self.hidden = hidden
        self.ln_1 = nn.LayerNorm(hidden)
        self.c_attn = nn.Linear(hidden, 3 * hidden)
        self.attn_proj = nn.Linear(hidden, hidden)
        self.ln_2 = nn.LayerNorm(hidden)
        self.c_fc = nn.Linear(hidden, 4 * hidden)
        self.mlp_proj = nn.Linear(4 * hidden, hidden)
        self.register_buffer("bias", torch.tril(torch.ones(max_positions, max_positions))
                             .view(1, 1, max_positions, max_positions))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.size()
        head_size = self.hidden // self.heads
        q, k, v = self.c_attn(self.ln_1(x)).split(self.hidden, dim=2)
        q = q.view(batch, length, self.heads, head_size).transpose(1, 2)
        k = k.view(batch, length, self.heads, head_size).transpose(1, 2)
        v = v.view(batch, length, self.heads, head_size).transpose(1, 2)
        attention = torch.matmul(q, k.transpose(-2, -1)) * (1.0 / math.sqrt(head_size))
        attention = attention.masked_fill(self.bias[:, :, :length, :length] == 0, float("-inf"))
        y = torch.matmul(F.softmax(attention, dim=-1), v).transpose(1, 2).contiguous().view(batch, length, hidden)
        x = x + self.attn_proj(y)
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class Gpt2(nn.Module):
    """GPT-2 small's structure (token + position embeddings, 12 pre-norm blocks, final
    layer norm, untied language-model head) at hidden 128, 4 heads. Input: token ids."""

    def __init__(self, hidden: int = 128, layers: int = 12, heads: int = 4, max_positions: int = 64) -> None:
        super().__init__()
        self.wte = nn.Embedding(VOCABULARY, hidden)
        self.wpe = nn.Embedding(max_positions, hidden)
        self.blocks = nn.Sequential(*[Gpt2Block(hidden, heads, max_positions) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(hidden)
        self.lm_head = nn.Linear(hidden, VOCABULARY, bias=False)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(0, input_ids.size(1), dtype=torch.long, device=input_ids.device)
        x = self.wte(input_ids) + self.wpe(positions)
        return self.lm_head(self.ln_f(self.blocks(x)))
