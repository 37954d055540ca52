import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0002_default_taxonomy'),  # the languages, English among them
        ('pages', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='page',
            name='language',
            field=models.ForeignKey(default='en', help_text='The language the title, summary and body below are written in.', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalogue.language', verbose_name='original language'),
        ),
        migrations.CreateModel(
            name='PageTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('body', models.TextField(help_text='Markdown. Raw HTML is shown as text.', verbose_name='body')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('language', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='catalogue.language', verbose_name='language')),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='pages.page', verbose_name='knowledge page')),
            ],
            options={
                'verbose_name': 'translation',
                'verbose_name_plural': 'translations',
                'ordering': ['language_id'],
                'constraints': [models.UniqueConstraint(fields=('page', 'language'), name='pages_translation_one_per_language')],
            },
        ),
    ]
