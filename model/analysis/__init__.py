"""Many runs on top of the model: distributions, uncertainty, sensitivity, break-even, calibration, comparison."""
