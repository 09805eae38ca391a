"""Cases: the Ärenden page and its list, one open case (header, Översikt), persons and the
protection that follows the address, markers, search, sharing and nödåtkomst.
"""
