"""Cases: register, list, open and close them; the persons in them and the protection that
follows the address; one search box; sharing and nödåtkomst.
"""
