"""The session player page: view, controller, flow, cues, check-ins, summary."""
