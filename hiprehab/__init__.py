"""hiprehab: guided home exercise routines for runners with hip pain."""

__version__ = "0.1.0"
