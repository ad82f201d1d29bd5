"""Named thresholds and word lists, in one place: one module per area.

    from narrascope.settings import clean as clean_settings
"""
