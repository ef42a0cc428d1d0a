"""Simulate: synthetic financial worlds with trafficking and smuggling networks, benign
look-alikes and ground truth, written to the input contract (see docs/simulator.md)."""

from tipflow.simulate.config import WorldConfig, load_world_config
from tipflow.simulate.simulator import SimulationResult, simulate

__all__ = ["SimulationResult", "WorldConfig", "load_world_config", "simulate"]
