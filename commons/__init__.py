# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The site's content model as plain functions: schemas, validation, attribution, catalogues.

Nothing here imports MkDocs, so the site can move to another generator and the
sync can read the same model without building the site.
"""
