"""Risk: the Bedömningar tab, an assessment done one section at a time, comparison over time,
the chart, and each person's säkerhetsplan.
"""
