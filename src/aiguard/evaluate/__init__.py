"""Stage 3, evaluate: load the policy set and run it on an engine (in-process regorus, or OPA)."""

from aiguard.evaluate.engine import Engine, get_engine
from aiguard.evaluate.parameters import Parameters
from aiguard.evaluate.policyset import Module, Policy, PolicySet, load_policy_set
from aiguard.severity import SEVERITIES

__all__ = ["SEVERITIES", "Engine", "Module", "Parameters", "Policy", "PolicySet", "get_engine", "load_policy_set"]
