# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Mirror chosen pages of the site to Movilab (MediaWiki) and bring the wiki's edits back into git."""
