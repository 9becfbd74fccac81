"""torchinfo's path to a summary, in a fresh Python process: build the module and print torchinfo.summary().

The module is the one the fixture tests/RecurrentParams.Import.Tests/Fixtures/safetensors/lstm-proj-bidir-2layers.safetensors
stores: nn.LSTM(10, 8, num_layers=2, bidirectional=True, proj_size=3), 1,760 parameters.

Needs PyTorch (Debian's python3-torch) and torchinfo 1.8.0's source (TylerYep/torchinfo tag v1.8.0, outside the
repository) on PYTHONPATH; see benchmarks/cli/run.sh.
"""
import torch
from torchinfo import summary

model = torch.nn.LSTM(10, 8, num_layers=2, bidirectional=True, proj_size=3)
print(summary(model, input_size=(5, 1, 10), verbose=0))
