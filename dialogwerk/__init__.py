"""Dialogwerk: plan, run and follow up a Kommunaler Flüchtlingsdialog."""
