from django import forms
from django.utils.translation import gettext_lazy as _

from resguardo.contact.models import Message
from resguardo.lib.antispam import HumanCheckForm


class ContactForm(HumanCheckForm, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Message
        fields = ["name", "reply_to", "subject", "body"]
        labels = {
            "name": _("Your name (optional)"),
            "reply_to": _("How we can reply to you (optional)"),
            "subject": _("Subject (optional)"),
            "body": _("Your message"),
        }
        help_texts = {
            "name": _("Any name you like, or none."),
            "reply_to": _("An e-mail address, a phone number, a Signal or WhatsApp name: "
                          "whatever you want us to answer you by. It is used only to "
                          "answer this message. Leave it empty and we cannot answer."),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 8, "cols": 40})}
