"""E-arkiv: the archive package (E-ARK SIP in the FGS Paketstruktur sense) and PDF/A."""
