"""Views of on-request disclosure: public pages (public.py) and officer admin views (officer.py)."""
