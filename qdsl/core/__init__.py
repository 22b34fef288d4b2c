"""The backend-neutral middle end and rule model."""
