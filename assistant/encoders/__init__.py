"""Embedding models: all-MiniLM-L6-v2 (ONNX, torch, bfloat16), USE multilingual v3, and the
registry that picks one. Importing this package tells the Hugging Face clients to stay
offline: no model is ever downloaded."""

from assistant.config import stay_offline

stay_offline()
