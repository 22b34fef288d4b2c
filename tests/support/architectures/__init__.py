"""Real network architectures in plain torch, written from their published descriptions.

Full depth (every published layer), random weights, small inputs; where a model is
narrower than published its docstring says so. No torchvision or transformers: the
code is written here, the way torchvision and the reference implementations write it.
"""

from .densenet import DenseNet121
from .inception import GoogLeNet, InceptionV3
from .mobile import EfficientNetB0, MobileNetV2, MobileNetV3Small, ShuffleNetV2
from .resnets import quantizable_resnet18, quantizable_resnet50, r3d_18, resnext101_32x8d
from .transformers import VOCABULARY, BertEncoder, ConvNeXtTiny, DistilBert, Gpt2, VisionTransformer

__all__ = ["BertEncoder", "ConvNeXtTiny", "DenseNet121", "DistilBert", "EfficientNetB0", "GoogLeNet", "Gpt2",
           "InceptionV3", "MobileNetV2", "MobileNetV3Small", "ShuffleNetV2", "VOCABULARY", "VisionTransformer",
           "quantizable_resnet18", "quantizable_resnet50", "r3d_18", "resnext101_32x8d"]
