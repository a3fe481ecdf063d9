# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Entry point for `python -m sync`."""

import sys

from sync.cli import main

sys.exit(main())
