"""The uncertainty page's parts: settings, probabilities, the fan chart, the tornado and break-even answers."""
