"""The ceiling: the least a Django request can cost on the bench's server settings."""
