"""The admin's upload form for an import run: the archive file, its media and, for WordPress, its mapping."""

from django import forms

from archive.models import ImportRun

SUFFIXES = {"archive_file": (".jsonl", ".xml"), "media_file": (".zip",), "mapping_file": (".json",)}


class ImportRunForm(forms.ModelForm):
    class Meta:
        model = ImportRun
        fields = ["archive_file", "media_file", "mapping_file"]

    def clean(self):
        data = super().clean()
        for name, suffixes in SUFFIXES.items():
            upload = data.get(name)
            if upload and not upload.name.lower().endswith(suffixes):
                self.add_error(name, f"Expected a {' or '.join(suffixes)} file.")
        archive = data.get("archive_file")
        if archive and archive.name.lower().endswith(".xml") and not data.get("mapping_file"):
            self.add_error("mapping_file", "A WordPress export (.xml) needs its mapping file.")
        return data
