"""The SemEval-2025 Task 10 metrics, our own implementation (checked against the official scorers' outputs in tests).

    from narrascope.eval import evaluate_narratives, evaluate_framing
"""
from .framing import evaluate_framing, framing_scores
from .narratives import evaluate_narratives, narrative_scores, samples_f1

__all__ = ["evaluate_framing", "evaluate_narratives", "framing_scores", "narrative_scores", "samples_f1"]
