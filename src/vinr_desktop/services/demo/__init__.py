"""The demo register: fictional users and generated, obviously fictional case work (cases,
persons, journal, access history, risk and care), for training, trying things out and the
benchmarks. Never for real cases.
"""
