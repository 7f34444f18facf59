"""Pure computation over debates and frameworks: Dung semantics, gradual strengths, reasons."""

#: The gradual semantics by name, in the order reports list them (the functions are
#: in :data:`argmap.semantics.explain.GRADUAL_SEMANTICS`; this light list is for help texts).
GRADUAL_NAMES = ("dfquad", "quad", "euler", "quadratic-energy", "h-categorizer")
