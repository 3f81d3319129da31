"""Disclosure catalog (政府信息公开目录), guide and disclosure items."""
